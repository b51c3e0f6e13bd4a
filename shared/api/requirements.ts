// The requirements library (issue 16, the book's 8.2): method schemas and the shapes they
// return. Requirements are team-wide (`requirement:TEAM:<ulid>`); each asking account's ask
// lives with that account (`requirementAsk:<accountKey>:<ulid>`).
import { z } from 'zod';
import {
  accountIdSchema,
  docIdSchema,
  isoDate,
  optionalText,
  shortText,
  text,
} from '../domain/common';
import { tiers } from '../domain/entities/account';
import { chatChannels } from '../domain/entities/activity';
import type { EntityDoc } from '../domain/entities';
import {
  askImportances,
  askSourceTypes,
  confirmationStatuses,
  productAreas,
  requirementStatuses,
  type AskImportance,
  type AskSourceType,
  type ConfirmationStatus,
  type ProductArea,
  type RequirementModel,
  type RequirementStatus,
} from '../domain/entities/requirement';
import type { DimensionScore, PriorityReason } from '../rules/requirementPriority';
import type { Locale } from '../i18n';
import type { MethodSpec } from './spec';

/** How a customer can be told a requirement shipped: the touchpoint kinds that fit. */
export const tellKinds = ['call', 'email', 'chat', 'meeting', 'note', 'other'] as const;
export type TellKind = (typeof tellKinds)[number];
export type ChatChannel = (typeof chatChannels)[number];

const revInput = z.string().regex(/^\d+-[0-9a-f]+$/, 'revision');
const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s).min(1).max(50)]).optional();
const locale = z.enum(['zh-CN', 'en-US']).default('zh-CN');

/** Days ahead in which an asking account's renewal is marked "renewal soon". */
export const RENEWAL_SOON_DAYS = 90;

export const requirementEditableSchema = z.strictObject({
  title: shortText,
  scenario: text,
  workaround: optionalText,
  blocks: optionalText,
  productArea: z.enum(productAreas),
});

/** One account asking: who asked, when, how much it matters, where it came from. */
export const askInputSchema = z.strictObject({
  accountId: accountIdSchema,
  contactId: docIdSchema.optional(),
  /** Defaults to today. */
  askedOn: isoDate.optional(),
  importance: z.enum(askImportances),
  sourceType: z.enum(askSourceTypes).default('other'),
  sourceId: docIdSchema.optional(),
  note: optionalText,
});

export const requirementListSchema = z.strictObject({
  status: oneOrMany(z.enum(requirementStatuses)),
  productArea: oneOrMany(z.enum(productAreas)),
  /** Requirements asked by at least one account of these tiers. */
  tier: oneOrMany(z.enum(tiers)),
  /** Requirements asked by at least one account of these CSMs (logins). */
  csm: oneOrMany(shortText),
  /** Requirements an account asked for. */
  accountId: accountIdSchema.optional(),
  /** Words of the title or scenario (full-text). */
  q: z.string().trim().min(1).max(200).optional(),
  /** Merged-away duplicates are left out unless asked for. */
  includeMerged: z.boolean().default(false),
  /** Only requirements asked by an account renewing within RENEWAL_SOON_DAYS days. */
  renewingSoon: z.boolean().default(false),
  sort: z.enum(['score', 'arrAtStake', 'updated', 'asks']).default('score'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  locale,
});

export const requirementsContract: Record<string, MethodSpec> = {
  'requirements.list': { input: requirementListSchema, access: 'read' },
  'requirements.get': {
    input: z.strictObject({ id: docIdSchema, locale }),
    access: 'read',
  },
  'requirements.similar': {
    input: z.strictObject({
      text: z.string().trim().min(1).max(2000),
      /** Show whether this account already asked for each match. */
      accountId: accountIdSchema.optional(),
      limit: z.number().int().min(1).max(20).default(5),
    }),
    access: 'read',
  },
  'requirements.create': {
    input: z.strictObject({ data: requirementEditableSchema, ask: askInputSchema }),
    access: 'write',
  },
  'requirements.addAsk': {
    input: z.strictObject({ requirementId: docIdSchema, ask: askInputSchema }),
    access: 'write',
  },
  'requirements.updateAsk': {
    input: z.strictObject({
      id: docIdSchema,
      rev: revInput,
      changes: z.strictObject({
        contactId: docIdSchema.nullable().optional(),
        askedOn: isoDate.optional(),
        importance: z.enum(askImportances).optional(),
        note: optionalText.nullable(),
      }),
    }),
    access: 'write',
  },
  'requirements.update': {
    input: z.strictObject({
      id: docIdSchema,
      rev: revInput,
      changes: requirementEditableSchema.partial(),
    }),
    access: 'write',
  },
  'requirements.setStatus': {
    input: z.strictObject({
      id: docIdSchema,
      rev: revInput,
      status: z.enum(requirementStatuses),
      release: shortText.optional(),
      declineReason: text.optional(),
      /** The language of the "tell the customer" tasks a release creates. */
      locale,
    }),
    access: 'write',
  },
  'requirements.setSolution': {
    input: z.strictObject({ id: docIdSchema, rev: revInput, solution: text }),
    access: 'write',
  },
  'requirements.confirm': {
    input: z.strictObject({
      askId: docIdSchema,
      rev: revInput,
      status: z.enum(confirmationStatuses),
      note: optionalText,
    }),
    access: 'write',
  },
  'requirements.tell': {
    input: z.strictObject({
      askId: docIdSchema,
      kind: z.enum(tellKinds).default('call'),
      /** A chat's channel (WeCom, DingTalk, WeChat ...); only with `kind: 'chat'`. */
      channel: z.enum(chatChannels).optional(),
      notes: optionalText,
      /** Defaults to today. */
      date: isoDate.optional(),
      locale,
    }),
    access: 'write',
  },
  'requirements.merge': {
    input: z.strictObject({ fromId: docIdSchema, intoId: docIdSchema }),
    access: 'write',
  },
  'requirements.forAccount': {
    input: z.strictObject({ accountId: accountIdSchema, locale }),
    access: 'read',
  },
  'requirements.model.get': { input: z.strictObject({}), access: 'read' },
  'requirements.model.save': {
    input: z.strictObject({ model: z.unknown(), rev: z.string().optional() }),
    access: 'write',
  },
  'requirements.export': {
    input: requirementListSchema.omit({ offset: true, limit: true }).extend({ locale }),
    access: 'read',
  },
};

// ---- what the methods return ---------------------------------------------------------------

export type RequirementDoc = EntityDoc<'requirement'>;
export type RequirementAskDoc = EntityDoc<'requirementAsk'>;

export interface RequirementScore {
  score: number;
  /** Sort key (higher first): prospects-only needs sort below every paying customer's. */
  rank: number;
  paying: boolean;
  dimensions: DimensionScore[];
  breadth: number;
  reasons: PriorityReason[];
  /** The reasons in words, both languages. */
  explanation: Record<Locale, string[]>;
}

/** A row of the board. */
export interface RequirementRow {
  id: string;
  rev: string;
  title: string;
  status: RequirementStatus;
  productArea: ProductArea;
  release?: string;
  mergedInto?: string;
  updatedAt: string;
  /** Accounts asking (distinct). */
  accounts: number;
  /** Sum of the asking accounts' ARR now. */
  arrAtStake: number;
  /** Asking accounts whose renewal falls in the next RENEWAL_SOON_DAYS days. */
  renewalsSoon: number;
  /** ARR of those accounts. */
  arrRenewingSoon: number;
  /** Asks told it shipped, of all asks. */
  told: number;
  asks: number;
  score: number;
  rank: number;
  paying: boolean;
  /** The first reason lines in the requested locale (the whole list is on `get`). */
  why: string[];
}

export interface RequirementPage {
  items: RequirementRow[];
  total: number;
  offset: number;
  limit: number;
  /** Requirements by status over the whole filtered set (the board's column counts). */
  byStatus: Partial<Record<RequirementStatus, number>>;
}

/** One ask as the requirement's page shows it. */
export interface AskView {
  id: string;
  rev: string;
  accountId: string;
  accountName: string;
  tier: string;
  arr: number;
  renewalDate: string | null;
  renewalSoon: boolean;
  /** The account's CSM: login and display name. */
  csm: string | null;
  csmName: string;
  contactId?: string;
  contactName?: string;
  contactRoles: string[];
  askedOn: string;
  importance: AskImportance;
  sourceType: AskSourceType;
  sourceId?: string;
  sourceTitle?: string;
  note?: string;
  confirmation?: { status: ConfirmationStatus; note?: string; on: string; by: string };
  toldOn?: string;
  toldTouchpointId?: string;
  /** The open "tell the customer" task, if any. */
  tellTaskId?: string;
}

export interface RequirementDetail {
  requirement: RequirementDoc;
  asks: AskView[];
  score: RequirementScore;
  arrAtStake: number;
  renewalsSoon: number;
  arrRenewingSoon: number;
  /** Duplicates merged into this one. */
  mergedFrom: { id: string; title: string }[];
  /** Asks told it shipped, of all. */
  told: number;
}

export interface SimilarHit {
  id: string;
  title: string;
  status: RequirementStatus;
  productArea: ProductArea;
  snippet: string;
  accounts: number;
  /** The given account already asked for it. */
  askedByAccount: boolean;
}

export interface AccountAsk {
  ask: AskView;
  requirement: RequirementRow;
}

export interface StoredRequirementModel {
  model: RequirementModel;
  rev?: string;
  isDefault: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

export interface TellResult {
  ask: RequirementAskDoc;
  touchpointId: string;
  /** The "tell the customer" task closed by telling, if there was one. */
  taskClosed?: string;
  /** Every ask of the requirement has been told: it may move to customersTold. */
  allTold: boolean;
}

export interface ReleaseResult {
  requirement: RequirementDoc;
  /** "Tell the customer" tasks created, one per asking account not yet told. */
  tasksCreated: string[];
}

export interface MergeResult {
  into: RequirementDoc;
  from: RequirementDoc;
  /** Asks moved from the duplicate. */
  movedAsks: number;
}

type ListIn = z.input<typeof requirementListSchema>;

export type RequirementsMethods = {
  'requirements.list': { input: ListIn; output: RequirementPage };
  'requirements.get': { input: { id: string; locale?: Locale }; output: RequirementDetail };
  'requirements.similar': {
    input: { text: string; accountId?: string; limit?: number };
    output: { hits: SimilarHit[]; total: number };
  };
  'requirements.create': {
    input: {
      data: z.input<typeof requirementEditableSchema>;
      ask: z.input<typeof askInputSchema>;
    };
    output: { requirement: RequirementDoc; ask: RequirementAskDoc };
  };
  'requirements.addAsk': {
    input: { requirementId: string; ask: z.input<typeof askInputSchema> };
    output: RequirementAskDoc;
  };
  'requirements.updateAsk': {
    input: {
      id: string;
      rev: string;
      changes: {
        contactId?: string | null;
        askedOn?: string;
        importance?: AskImportance;
        note?: string | null;
      };
    };
    output: RequirementAskDoc;
  };
  'requirements.update': {
    input: { id: string; rev: string; changes: Partial<z.input<typeof requirementEditableSchema>> };
    output: RequirementDoc;
  };
  'requirements.setStatus': {
    input: {
      id: string;
      rev: string;
      status: RequirementStatus;
      release?: string;
      declineReason?: string;
      locale?: Locale;
    };
    output: ReleaseResult;
  };
  'requirements.setSolution': {
    input: { id: string; rev: string; solution: string };
    output: RequirementDoc;
  };
  'requirements.confirm': {
    input: { askId: string; rev: string; status: ConfirmationStatus; note?: string };
    output: RequirementAskDoc;
  };
  'requirements.tell': {
    input: {
      askId: string;
      kind?: TellKind;
      channel?: ChatChannel;
      notes?: string;
      date?: string;
      locale?: Locale;
    };
    output: TellResult;
  };
  'requirements.merge': { input: { fromId: string; intoId: string }; output: MergeResult };
  'requirements.forAccount': {
    input: { accountId: string; locale?: Locale };
    output: { items: AccountAsk[]; total: number };
  };
  'requirements.model.get': { input: Record<string, never>; output: StoredRequirementModel };
  'requirements.model.save': {
    input: { model: unknown; rev?: string };
    output: StoredRequirementModel;
  };
  'requirements.export': {
    input: Omit<ListIn, 'offset' | 'limit'>;
    output: { fileName: string; contentType: string; base64: string };
  };
};
