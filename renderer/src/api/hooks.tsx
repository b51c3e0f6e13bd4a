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
import type { MessageKey } from '../../../shared/i18n';
import type { ApiCallError, ApiClient } from './client';

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
  state: 'local' | 'offline' | 'syncing' | 'upToDate' | 'error';
  detail?: string;
  /** A translatable reason (sync errors carry one). */
  messageKey?: MessageKey;
  params?: Record<string, string | number>;
  conflicts?: number;
}

/**
 * Reads `sync.status` tolerantly (offline, connecting, pulling n/N, pushing, upToDate, error):
 * whatever it returns is reduced to a SyncView. No server configured means local only.
 */
export function readSyncStatus(raw: unknown): SyncView {
  if (!raw || typeof raw !== 'object') return { state: 'local' };
  const r = raw as Record<string, unknown>;
  const state = String(r.state ?? r.status ?? '');
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  const conflicts = typeof r.conflicts === 'number' && r.conflicts > 0 ? r.conflicts : undefined;
  const extra = conflicts ? { conflicts } : {};
  if (/error/i.test(state)) {
    return {
      state: 'error',
      detail: text(r.reason ?? r.error ?? r.message) || undefined,
      ...(typeof r.messageKey === 'string'
        ? {
            messageKey: r.messageKey as MessageKey,
            params: (r.params ?? {}) as Record<string, string | number>,
          }
        : {}),
      ...extra,
    };
  }
  if (/pull|push|sync|connect|active/i.test(state)) {
    const done = text(r.done);
    const total = text(r.total);
    const pending = text(r.pending);
    const detail = done && total ? `${done}/${total}` : pending ? `↑${pending}` : undefined;
    return { state: 'syncing', ...(detail ? { detail } : {}), ...extra };
  }
  if (/up.?to.?date|idle|paused|synced/i.test(state)) return { state: 'upToDate', ...extra };
  if (/offline/i.test(state)) {
    // Offline without a team server configured is simply a local-only workbench.
    return r.url ? { state: 'offline', ...extra } : { state: 'local', ...extra };
  }
  return { state: 'local', ...extra };
}

export function useSyncStatus() {
  const client = useApiClient();
  return useQuery<SyncView>({
    queryKey: ['sync.status', {}],
    queryFn: async () => {
      try {
        const raw = await client.call('sync.status' as MethodName, {} as never);
        return readSyncStatus(raw);
      } catch (error) {
        // Before sync exists (unknown method) the app is local only; other failures say so.
        const code = (error as ApiCallError).code;
        if (code === 'NOT_FOUND') return { state: 'local' };
        return { state: 'offline', detail: (error as Error).message };
      }
    },
    refetchInterval: 5_000,
  });
}
