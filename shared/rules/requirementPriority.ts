// The one home of a requirement's priority (issue 16, the book's 8.2.2): four dimensions from
// the team's model (data, edited by the manager), each 0-100, weighted by shares of 100 %:
//   product fit        - the product area's fit, or `inPlan` once the product planned it;
//   customer importance - the mean of the tier's and the ARR band's score, plus a reference bonus;
//   requester weight   - the highest decision-chain role of the contact who asked;
//   business impact    - how much it matters to the customer (cannot use ... improvement).
// Over several asking accounts each dimension takes its best ask (the paying customers' asks
// when any paid), and every further paying account adds breadth points. Needs asked only by
// prospects rank below every paying customer's need. Pure: computed on read, never stored, so a
// tier, ARR or role change moves the score at once. Explained in words in both languages.
import { tiers } from '../domain/entities/account';
import { decisionChainRoles } from '../domain/entities/contact';
import {
  IN_PLAN_STATUSES,
  requirementDimensions,
  type AskImportance,
  type ProductArea,
  type RequirementDimension,
  type RequirementModel,
  type RequirementStatus,
} from '../domain/entities/requirement';
import { t, type Locale, type MessageKey } from '../i18n';
import { enumLabel } from '../i18n/enumLabel';

type Tier = (typeof tiers)[number];
type Role = (typeof decisionChainRoles)[number];

export const DEFAULT_REQUIREMENT_MODEL: RequirementModel = {
  name: '需求优先级模型 / Requirement priority model',
  weights: { productFit: 25, customerImportance: 30, requesterWeight: 20, businessImpact: 25 },
  productFit: {
    areas: {
      reporting: 70,
      integration: 80,
      workflow: 70,
      permissions: 60,
      mobile: 50,
      dataImport: 60,
      notifications: 40,
      performance: 80,
      other: 30,
    },
    inPlan: 100,
  },
  customerImportance: {
    tiers: { strategic: 100, ordinary: 60, micro: 25 },
    arrBands: [
      { from: 0, score: 0 },
      { from: 1, score: 20 },
      { from: 100_000, score: 45 },
      { from: 500_000, score: 75 },
      { from: 1_000_000, score: 100 },
    ],
    referenceBonus: 10,
  },
  requesterWeight: {
    roles: {
      decisionMaker: 100,
      initiator: 80,
      selector: 70,
      champion: 75,
      customerPm: 60,
      keyUser: 45,
      it: 40,
      opponent: 30,
    },
    noRole: 20,
  },
  businessImpact: { importance: { blocking: 100, major: 70, moderate: 40, improvement: 15 } },
  breadthPerAccount: 2,
  breadthMax: 10,
  prospectsRankBelow: true,
};

/** One asking account as the model reads it (from the projection: account, contact, ask). */
export interface PriorityAsk {
  askId: string;
  accountId: string;
  accountName: string;
  tier: Tier;
  /** The account's ARR now (active contracts); 0 means a prospect. */
  arr: number;
  /** A reference customer: case study, logo use or speaker. */
  reference: boolean;
  contactName?: string;
  /** The asking contact's decision-chain roles (none when no contact is named). */
  roles: readonly string[];
  importance: AskImportance;
}

export interface PriorityInput {
  status: RequirementStatus;
  productArea: ProductArea;
  asks: readonly PriorityAsk[];
}

export interface DimensionScore {
  dimension: RequirementDimension;
  /** 0-100 on the dimension's scale. */
  value: number;
  /** Share of 100 %. */
  weight: number;
  /** value x weight / 100: what it adds to the score. */
  points: number;
  /** The ask that gave the value (the best one), when the dimension reads asks. */
  askId?: string;
}

/** A reason in words: a message key and its parameters (labels resolved when rendered). */
export interface PriorityReason {
  key: MessageKey;
  params: Record<string, string | number>;
  /** Params that are enum values, shown by their label: param name -> enum name. */
  labels?: Record<
    string,
    'tier' | 'contactRole' | 'requirementStatus' | 'productArea' | 'askImportance'
  >;
}

export interface PriorityResult {
  /** 0-100, rounded. */
  score: number;
  /** At least one asking account pays (ARR above 0). */
  paying: boolean;
  /** Sort key: higher first. A prospects-only need sorts below every paying one. */
  rank: number;
  dimensions: DimensionScore[];
  /** Points for further paying accounts asking. */
  breadth: number;
  /** Paying accounts asking. */
  payingAccounts: number;
  reasons: PriorityReason[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function arrBandScore(model: RequirementModel, arr: number): number {
  let s = model.customerImportance.arrBands[0].score;
  for (const band of model.customerImportance.arrBands) if (arr >= band.from) s = band.score;
  return s;
}

/** Customer importance of one account and its parts. */
export function customerImportanceOf(
  model: RequirementModel,
  ask: Pick<PriorityAsk, 'tier' | 'arr' | 'reference'>,
): { value: number; tierScore: number; arrScore: number; bonus: number } {
  const ci = model.customerImportance;
  const tierScore = ci.tiers[ask.tier] ?? 0;
  const arrScore = arrBandScore(model, ask.arr);
  const bonus = ask.reference ? ci.referenceBonus : 0;
  return {
    value: Math.min(100, Math.round((tierScore + arrScore) / 2) + bonus),
    tierScore,
    arrScore,
    bonus,
  };
}

/** Requester weight and the role that gave it (null: no role). */
export function requesterWeightOf(
  model: RequirementModel,
  roles: readonly string[],
): { value: number; role: Role | null } {
  let best: { value: number; role: Role | null } = {
    value: model.requesterWeight.noRole,
    role: null,
  };
  for (const r of roles) {
    const v = model.requesterWeight.roles[r as Role];
    if (v !== undefined && (best.role === null || v > best.value))
      best = { value: v, role: r as Role };
  }
  return best;
}

function bestOf<T>(items: readonly T[], value: (x: T) => number): T | undefined {
  let best: T | undefined;
  let bestValue = -Infinity;
  for (const x of items) {
    const v = value(x);
    if (v > bestValue) {
      best = x;
      bestValue = v;
    }
  }
  return best;
}

/** The score of one requirement from the model, with every reason. */
export function scoreRequirement(model: RequirementModel, input: PriorityInput): PriorityResult {
  const reasons: PriorityReason[] = [];
  const w = model.weights;
  const paid = input.asks.filter((a) => a.arr > 0);
  const considered = paid.length ? paid : input.asks;
  const paying = paid.length > 0;
  const payingAccounts = new Set(paid.map((a) => a.accountId)).size;

  // Product fit.
  const inPlan = IN_PLAN_STATUSES.includes(input.status);
  const fit = inPlan ? model.productFit.inPlan : (model.productFit.areas[input.productArea] ?? 0);
  const dims: DimensionScore[] = [
    { dimension: 'productFit', value: fit, weight: w.productFit, points: 0 },
  ];
  reasons.push(
    inPlan
      ? {
          key: 'requirement.why.fitInPlan',
          params: { value: fit, weight: w.productFit, status: input.status },
          labels: { status: 'requirementStatus' },
        }
      : {
          key: 'requirement.why.fitArea',
          params: { value: fit, weight: w.productFit, area: input.productArea },
          labels: { area: 'productArea' },
        },
  );

  if (considered.length === 0) {
    for (const d of requirementDimensions.slice(1))
      dims.push({ dimension: d, value: 0, weight: w[d], points: 0 });
    reasons.push({ key: 'requirement.why.noAsks', params: {} });
  } else {
    const ci = bestOf(considered, (a) => customerImportanceOf(model, a).value)!;
    const ciParts = customerImportanceOf(model, ci);
    dims.push({
      dimension: 'customerImportance',
      value: ciParts.value,
      weight: w.customerImportance,
      points: 0,
      askId: ci.askId,
    });
    reasons.push({
      key: ciParts.bonus ? 'requirement.why.customerReference' : 'requirement.why.customer',
      params: {
        value: ciParts.value,
        weight: w.customerImportance,
        account: ci.accountName,
        tier: ci.tier,
        tierScore: ciParts.tierScore,
        arr: Math.round(ci.arr),
        arrScore: ciParts.arrScore,
        bonus: ciParts.bonus,
      },
      labels: { tier: 'tier' },
    });

    const rq = bestOf(considered, (a) => requesterWeightOf(model, a.roles).value)!;
    const rqParts = requesterWeightOf(model, rq.roles);
    dims.push({
      dimension: 'requesterWeight',
      value: rqParts.value,
      weight: w.requesterWeight,
      points: 0,
      askId: rq.askId,
    });
    reasons.push(
      rqParts.role
        ? {
            key: 'requirement.why.requesterRole',
            params: {
              value: rqParts.value,
              weight: w.requesterWeight,
              account: rq.accountName,
              contact: rq.contactName ?? '',
              role: rqParts.role,
            },
            labels: { role: 'contactRole' },
          }
        : {
            key: rq.contactName
              ? 'requirement.why.requesterNoRole'
              : 'requirement.why.requesterNone',
            params: {
              value: rqParts.value,
              weight: w.requesterWeight,
              account: rq.accountName,
              contact: rq.contactName ?? '',
            },
          },
    );

    const bi = bestOf(considered, (a) => model.businessImpact.importance[a.importance] ?? 0)!;
    const biValue = model.businessImpact.importance[bi.importance] ?? 0;
    dims.push({
      dimension: 'businessImpact',
      value: biValue,
      weight: w.businessImpact,
      points: 0,
      askId: bi.askId,
    });
    reasons.push({
      key: 'requirement.why.impact',
      params: {
        value: biValue,
        weight: w.businessImpact,
        account: bi.accountName,
        importance: bi.importance,
      },
      labels: { importance: 'askImportance' },
    });
  }
  for (const d of dims) d.points = round1((d.value * d.weight) / 100);
  const weighted = dims.reduce((s, d) => s + (d.value * d.weight) / 100, 0);

  const further = Math.max(0, payingAccounts - 1);
  const breadth = Math.min(model.breadthMax, further * model.breadthPerAccount);
  if (further > 0)
    reasons.push({
      key: 'requirement.why.breadth',
      params: { others: further, points: round1(breadth), max: model.breadthMax },
    });

  let score = Math.round(weighted + breadth);
  if (score > 100) {
    reasons.push({ key: 'requirement.why.capped', params: { raw: score } });
    score = 100;
  }
  if (!paying && input.asks.length > 0)
    reasons.push({
      key: model.prospectsRankBelow
        ? 'requirement.why.prospectsOnlyBelow'
        : 'requirement.why.prospectsOnly',
      params: {},
    });
  if (input.status === 'declined') reasons.push({ key: 'requirement.why.declined', params: {} });
  reasons.push({ key: 'requirement.why.total', params: { score } });

  const rank = !paying && model.prospectsRankBelow ? score : 1000 + score;
  return {
    score,
    paying,
    rank,
    dimensions: dims,
    breadth: round1(breadth),
    payingAccounts,
    reasons,
  };
}

const wholeNumbers: Partial<Record<Locale, Intl.NumberFormat>> = {};

/** A reason in words in `locale`, enum values by their labels. */
export function reasonText(reason: PriorityReason, locale: Locale): string {
  const params: Record<string, string | number> = { ...reason.params };
  for (const [name, enumName] of Object.entries(reason.labels ?? {})) {
    params[name] = enumLabel((k) => t(locale, k), enumName, String(params[name]));
  }
  if (typeof params.arr === 'number')
    params.arr = (wholeNumbers[locale] ??= new Intl.NumberFormat(locale, {
      maximumFractionDigits: 0,
    })).format(params.arr);
  return t(locale, reason.key, params);
}

/** The explanation of a score in both languages, one line per reason. */
export function explainPriority(result: Pick<PriorityResult, 'reasons'>): Record<Locale, string[]> {
  return {
    'zh-CN': result.reasons.map((r) => reasonText(r, 'zh-CN')),
    'en-US': result.reasons.map((r) => reasonText(r, 'en-US')),
  };
}
