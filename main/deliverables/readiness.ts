// What a deliverable needs from the account's data before it can be written as final (issue 12).
import type { MessageKey } from '../../shared/i18n';
import type { Period } from '../../shared/rules/period';
import type { AccountSnapshot } from './snapshot';

/** One thing the document needs and the account lacks, with the workspace tab that fixes it. */
export interface MissingInput {
  /** What is missing, in words (a `deliverables.need.*` message). */
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
