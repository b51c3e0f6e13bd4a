// The shapes the requirements screens show, named from the one API contract.
import type { MethodInput } from '../../../../shared/api/contract';

export type {
  AccountAsk,
  AskView,
  RequirementDetail as RequirementView,
  RequirementRow,
  SimilarHit,
} from '../../../../shared/api/requirements';

/** The board's filters: the list's own, without paging, sort and language. */
export type BoardFilters = Omit<
  MethodInput<'requirements.list'>,
  'sort' | 'dir' | 'offset' | 'limit' | 'locale'
>;
