// The only callers of the API client: queries keyed [method, input], writes that invalidate.
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { SyncStatus } from '../../../shared/api/sync';
import type { MessageKey } from '../../../shared/i18n';
import { isUnreachable, type ApiCallError, type ApiClient } from './client';

const ClientContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useApiClient(): ApiClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useApiClient outside ApiProvider');
  return client;
}

/** The one query key and function of a read, shared by `useApi` and `prefetchApi`. */
function apiQuery<M extends MethodName>(client: ApiClient, method: M, input: MethodInput<M>) {
  return { queryKey: [method, input], queryFn: () => client.call(method, input) };
}

export function useApi<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: Omit<UseQueryOptions<MethodOutput<M>, ApiCallError>, 'queryKey' | 'queryFn'> = {},
) {
  const client = useApiClient();
  return useQuery<MethodOutput<M>, ApiCallError>({
    ...apiQuery(client, method, input),
    ...options,
  });
}

/**
 * Starts a read now, before the component that shows it renders (page load, a filter click), so
 * the request runs while React renders; `useApi` with the same input then finds it in flight.
 */
export function prefetchApi<M extends MethodName>(
  queryClient: QueryClient,
  client: ApiClient,
  method: M,
  input: MethodInput<M>,
): void {
  void queryClient.prefetchQuery(apiQuery(client, method, input));
}

/** A write: on success every cached read is refetched, so no screen shows stale data. */
export function useApiMutation<M extends MethodName>(method: M) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, ApiCallError, MethodInput<M>>({
    mutationFn: (input) => client.call(method, input),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** What the status bar shows about sync: the sync area's `sync.status` when the backend has it. */
export interface SyncView {
  /**
   * `unreachable`: this app's own backend did not answer (browser mode's server stopped, the
   * backend process gone); `offline`: the backend answers but the team server does not.
   */
  state: 'local' | 'offline' | 'syncing' | 'upToDate' | 'error' | 'unreachable';
  detail?: string;
  /** A translatable reason (sync errors carry one). */
  messageKey?: MessageKey;
  params?: Record<string, string | number>;
  conflicts?: number;
}

/** Reduces `sync.status` to what the status bar shows; no team server configured is local only. */
export function readSyncStatus(status: SyncStatus | undefined): SyncView {
  if (!status) return { state: 'local' };
  const extra = status.conflicts > 0 ? { conflicts: status.conflicts } : {};
  switch (status.state) {
    case 'error':
      return {
        state: 'error',
        detail: status.reason,
        messageKey: status.messageKey,
        params: status.params,
        ...extra,
      };
    case 'connecting':
      return { state: 'syncing', ...extra };
    case 'pulling':
      return { state: 'syncing', detail: `${status.done}/${status.total}`, ...extra };
    case 'pushing':
      return { state: 'syncing', detail: `↑${status.pending}`, ...extra };
    case 'upToDate':
      return { state: 'upToDate', ...extra };
    case 'offline':
      return status.connected ? { state: 'offline', ...extra } : { state: 'local', ...extra };
  }
}

export function useSyncStatus() {
  const client = useApiClient();
  return useQuery<SyncView>({
    // Not ['sync.status', {}]: that key belongs to useApi('sync.status', {}) and its full object.
    queryKey: ['sync.status', 'statusBar'],
    queryFn: async () => {
      try {
        return readSyncStatus(await client.call('sync.status', {}));
      } catch (error) {
        // The backend did not answer (browser mode's server stopped): say so, keep polling.
        if (isUnreachable(error)) return { state: 'unreachable' as const };
        return { state: 'error' as const, messageKey: 'uxUi.error.unexpected' as const };
      }
    },
    refetchInterval: 5_000,
  });
}

/**
 * The backend's calendar day (the user's time zone, pinned by CSM_TODAY): the renderer's only
 * "today" for business dates. Undefined until `system.info` has answered.
 */
export function useToday(): string | undefined {
  return useApi('system.info', {}).data?.today;
}
