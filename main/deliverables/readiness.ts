// What a deliverable needs from the account's data before it can be written as final (issue 12).
// Each kind states its needs as a ReadinessCheck; `READINESS` in kinds.ts maps every kind to its
// check. `generate` refuses a kind whose check finds something missing (a VALIDATION error whose
// details list each missing input) unless the caller asks for a draft, which is then marked
// 草稿 / DRAFT on every page.
import { ApiFailure, type ApiError } from '../../shared/api/errors';
import { t, type MessageKey } from '../../shared/i18n';
import type { Period } from '../../shared/rules/period';
import type { AccountSnapshot } from './snapshot';

/** One thing the document needs and the account lacks, with the workspace tab that fixes it. */
export interface MissingInput {
  /** What is missing, in words (a `readiness.need.*` message of shared/i18n/<locale>/readiness.ts). */
  need: MessageKey;
  /** The account workspace tab where it is entered (the route's tab id, e.g. `sow`). */
  tab: string;
  params?: Record<string, string | number>;
}

export interface ReadinessContext {
  today: string;
  period?: Period;
  visitId?: string;
}

/** A kind's check: empty when the document can be written as final. */
export type ReadinessCheck = (s: AccountSnapshot, context: ReadinessContext) => MissingInput[];

/** A check that finds nothing missing (a kind whose every input is optional). */
export const alwaysReady: ReadinessCheck = () => [];

/**
 * The refusal of a document that is not ready: the first error says so (and lists the needs in
 * English for logs and the CLI's one line), each further error is one missing input with its
 * tab in `path` (['missing', tab]) and its own message key, so a UI can show the checklist.
 */
export function notReadyError(kind: string, missing: MissingInput[]): ApiFailure {
  const list = missing.map((m) => t('en-US', m.need, m.params)).join('; ');
  const head: ApiError = {
    code: 'VALIDATION',
    path: [],
    message: `the ${kind} is not ready: ${list}; add them, or write a draft (--draft / draft: true)`,
    messageKey: 'readiness.error.notReady',
    params: { kind, count: missing.length, missing: list },
  };
  return new ApiFailure([
    head,
    ...missing.map((m): ApiError => ({
      code: 'VALIDATION',
      path: ['missing', m.tab],
      message: t('en-US', m.need, m.params),
      messageKey: m.need,
      params: m.params,
    })),
  ]);
}

/** The missing inputs a notReadyError carries (empty for any other failure). */
export function missingOf(
  error: unknown,
): { need: string; tab: string; params?: Record<string, string | number> }[] {
  if (!(error instanceof ApiFailure) || error.errors[0]?.messageKey !== 'readiness.error.notReady')
    return [];
  return error.errors.slice(1).map((e) => ({
    need: e.messageKey,
    tab: String(e.path[1] ?? ''),
    params: e.params,
  }));
}
