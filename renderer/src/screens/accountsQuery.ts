// The Accounts screen's reads, in a module of their own so the app entry can start them on page
// load, before the screen's chunk has loaded and rendered.
import type { QueryClient } from '@tanstack/react-query';
import type { AccountColumn, AccountSort } from '../../../shared/api/accounts';
import type { ListFilters, MethodInput } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import { prefetchApi } from '../api/hooks';

/** Rows per page: 20 paints in a third of the time 50 took (bench/ui.bench.ts). */
export const ACCOUNTS_PAGE_SIZE = 20;
export const ACCOUNTS_PAGE_SIZES = [20, 50, 100, 200];

export interface AccountsView {
  filters: ListFilters;
  sort?: { field: AccountSort; dir: 'asc' | 'desc' };
  /** The optional columns shown (health, ARR, ...); the view keeps them. */
  columns?: AccountColumn[];
}
export interface AccountsPage {
  current: number;
  pageSize: number;
}
export const FIRST_PAGE: AccountsPage = { current: 1, pageSize: ACCOUNTS_PAGE_SIZE };

/** The columns a first visit shows. */
export const DEFAULT_COLUMNS: AccountColumn[] = ['health', 'renewalDate', 'openIssues'];

export function accountListInput(
  view: AccountsView,
  page: AccountsPage,
): MethodInput<'accounts.table'> {
  return {
    filters: view.filters,
    sort: view.sort,
    offset: (page.current - 1) * page.pageSize,
    limit: page.pageSize,
  };
}

/** The facets and the first unfiltered page: what the screen shows first. */
export function prefetchAccounts(queryClient: QueryClient, client: ApiClient): void {
  prefetchApi(queryClient, client, 'app.accountFacets', {});
  prefetchApi(queryClient, client, 'accounts.table', accountListInput({ filters: {} }, FIRST_PAGE));
}
