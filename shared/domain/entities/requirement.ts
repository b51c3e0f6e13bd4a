// The customer feedback loop (issue 16, the book's 8.2): a requirement is a customer need the
// team has filtered from requests, team-wide on the reserved TEAM account; each account that
// asked for it has its own ask, which lives with that account (its CSM edits it, scoped sync
// carries it). The priority model is data on the TEAM account, like the health model.
import { z } from 'zod';
import {
  customIssue,
  docIdSchema,
  isoDate,
  optionalText,
  shortText,
  text,
  userName,
} from '../common';
import { tiers } from './account';
import { decisionChainRoles } from './contact';

/** The loop: collected -> under review -> planned -> in development -> released -> told. */
export const requirementStatuses = [
  'collected',
  'underReview',
  'planned',
  'inDevelopment',
  'released',
  'customersTold',
  'declined',
] as const;
export type RequirementStatus = (typeof requirementStatuses)[number];

/** Statuses that need the release the requirement is planned for (or shipped in). */
export const RELEASE_STATUSES: readonly RequirementStatus[] = [
  'planned',
  'inDevelopment',
  'released',
  'customersTold',
];
/** Statuses in which the product has taken the requirement into its plan. */
export const IN_PLAN_STATUSES: readonly RequirementStatus[] = RELEASE_STATUSES;
/** Statuses where the loop is closed for the product (shipped or declined). */
export const CLOSED_STATUSES: readonly RequirementStatus[] = [
  'released',
  'customersTold',
  'declined',
];

/** The product areas a requirement falls in (a code list; labels in shared/i18n). */
export const productAreas = [
  'reporting',
  'integration',
  'workflow',
  'permissions',
  'mobile',
  'dataImport',
  'notifications',
  'performance',
  'other',
] as const;
export type ProductArea = (typeof productAreas)[number];

/**
 * How much the need matters to the asking customer, from "cannot use the product" (blocking) to
 * an experience improvement: the business-impact dimension of the priority model.
 */
export const askImportances = ['blocking', 'major', 'moderate', 'improvement'] as const;
export type AskImportance = (typeof askImportances)[number];

/** Where an ask came from: an issue, a visit, or neither (told in passing). */
export const askSourceTypes = ['issue', 'visit', 'other'] as const;
export type AskSourceType = (typeof askSourceTypes)[number];

/** The customer's answer to the product's proposed solution. */
export const confirmationStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type ConfirmationStatus = (typeof confirmationStatuses)[number];

export const requirementFields = z.strictObject({
  title: shortText,
  /** The restored scenario: who needs it, why, in which part of their work. */
  scenario: text,
  /** What the customer does today instead. */
  workaround: optionalText,
  /** What the missing capability blocks (a roll-out, a department, a renewal ...). */
  blocks: optionalText,
  productArea: z.enum(productAreas),
  status: z.enum(requirementStatuses).default('collected'),
  /** The release it is planned for or shipped in; required from `planned` on. */
  release: shortText.optional(),
  /** The day it shipped (set when it moves to `released`). */
  releasedOn: isoDate.optional(),
  declineReason: optionalText,
  /** The product's proposed solution, to be confirmed with each asking customer. */
  solution: optionalText,
  /** The requirement this duplicate was merged into; its asks moved there. */
  mergedInto: docIdSchema.optional(),
});

export function refineRequirement(
  r: z.output<typeof requirementFields>,
  ctx: z.RefinementCtx,
): void {
  if (RELEASE_STATUSES.includes(r.status) && !r.release)
    customIssue(
      ctx,
      ['release'],
      'requirement.validation.releaseRequired',
      'a planned, in-development or released requirement needs its release',
    );
  if (r.status === 'declined' && !r.declineReason)
    customIssue(
      ctx,
      ['declineReason'],
      'requirement.validation.declineReasonRequired',
      'a declined requirement needs the reason it is not done',
    );
}

export const requirementAskFields = z.strictObject({
  requirementId: docIdSchema,
  /** Who asked: a contact of the account, so their decision-chain role counts. */
  contactId: docIdSchema.optional(),
  askedOn: isoDate,
  importance: z.enum(askImportances),
  sourceType: z.enum(askSourceTypes).default('other'),
  /** The issue or visit it came from (on the same account). */
  sourceId: docIdSchema.optional(),
  /** What this customer said, in their words. */
  note: optionalText,
  /** The customer's confirmation of the proposed solution, before it is built. */
  confirmation: z
    .strictObject({
      status: z.enum(confirmationStatuses),
      note: optionalText,
      on: isoDate,
      by: userName,
    })
    .optional(),
  /** The day the customer was told it shipped (set by telling, with its touchpoint). */
  toldOn: isoDate.optional(),
  toldTouchpointId: docIdSchema.optional(),
});

export function refineRequirementAsk(
  a: z.output<typeof requirementAskFields>,
  ctx: z.RefinementCtx,
): void {
  if ((a.sourceType === 'issue' || a.sourceType === 'visit') && !a.sourceId)
    customIssue(
      ctx,
      ['sourceId'],
      'requirement.validation.sourceRequired',
      'an ask from an issue or a visit names it',
    );
  if (a.sourceId && a.sourceType !== 'other' && !a.sourceId.startsWith(`${a.sourceType}:`))
    customIssue(
      ctx,
      ['sourceId'],
      'requirement.validation.sourceType',
      `the source is not a ${a.sourceType}`,
    );
}

// ---- the priority model ---------------------------------------------------------------------

export const requirementDimensions = [
  'productFit',
  'customerImportance',
  'requesterWeight',
  'businessImpact',
] as const;
export type RequirementDimension = (typeof requirementDimensions)[number];

const score = z.number().int().min(0).max(100);
const scoresOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.strictObject(
    Object.fromEntries(values.map((v) => [v, score])) as Record<T[number], typeof score>,
  );

/** ARR bands: from this ARR (inclusive) up to the next band's, the band's score. */
const arrBand = z.strictObject({ from: z.number().finite().min(0), score });

export const requirementModelFields = z.strictObject({
  name: shortText,
  /** Shares of 100 %: they must add up to 100. */
  weights: scoresOf(requirementDimensions),
  /** Product fit: by product area while collected or under review; in-plan statuses score `inPlan`. */
  productFit: z.strictObject({
    areas: scoresOf(productAreas),
    inPlan: score,
  }),
  /** Customer importance: the mean of the tier's and the ARR band's score, plus a reference bonus. */
  customerImportance: z.strictObject({
    tiers: scoresOf(tiers),
    arrBands: z
      .array(arrBand)
      .min(1)
      .max(10)
      .refine((b) => b[0]?.from === 0 && b.every((x, i) => i === 0 || x.from > b[i - 1].from), {
        message: 'ARR bands start at 0 and rise',
        params: { messageKey: 'requirement.validation.arrBands' },
      }),
    /** Added when the account is a reference (case study, logo use or speaker). */
    referenceBonus: score,
  }),
  /** Requester weight: the highest of the asking contact's decision-chain roles. */
  requesterWeight: z.strictObject({
    roles: scoresOf(decisionChainRoles),
    /** A contact without a role, or no contact named. */
    noRole: score,
  }),
  /** Business impact: how much it matters to the asking customer. */
  businessImpact: z.strictObject({ importance: scoresOf(askImportances) }),
  /** Points per further paying account asking (beyond the first), up to `breadthMax`. */
  breadthPerAccount: z.number().min(0).max(20),
  breadthMax: z.number().min(0).max(50),
  /**
   * Needs asked only by prospects (no ARR) rank below every need of a paying customer; their
   * own score is kept and shown.
   */
  prospectsRankBelow: z.boolean(),
});
export type RequirementModel = z.output<typeof requirementModelFields>;

export function refineRequirementModel(m: RequirementModel, ctx: z.RefinementCtx): void {
  const sum = requirementDimensions.reduce((s, d) => s + m.weights[d], 0);
  if (sum !== 100)
    ctx.addIssue({
      code: 'custom',
      path: ['weights'],
      message: `the weights add up to ${sum} %, not 100 %`,
      params: { messageKey: 'requirement.validation.weightsSum', sum },
    });
  if (m.breadthMax < m.breadthPerAccount)
    customIssue(
      ctx,
      ['breadthMax'],
      'requirement.validation.breadthMax',
      'the most breadth points are fewer than the points per account',
    );
}
