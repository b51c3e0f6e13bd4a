/**
 * @jest-environment jsdom
 */
// The status bar's reduced sync view and a full `useApi('sync.status', {})` share one client but
// not one cache entry: each caller gets the shape it asked for.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/api/sync';
import type { ApiClient } from '../../../renderer/src/api/client';
import { ApiProvider, useApi, useSyncStatus } from '../../../renderer/src/api/hooks';

const STATUS: SyncStatus = {
  state: 'upToDate',
  at: '2026-11-23T10:00:00.000Z',
  connected: true,
  url: 'https://couch.example',
  db: 'team',
  user: 'li.na',
  scope: 'mine',
  credentialStorage: { kind: 'keychain' },
  rejected: [],
  conflicts: 0,
};

it('keeps the full sync.status apart from the status bar view', async () => {
  const client: ApiClient = {
    host: 'http',
    call: (async (method: string) => {
      if (method !== 'sync.status') throw new Error(`unexpected ${method}`);
      return STATUS;
    }) as ApiClient['call'],
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ApiProvider client={client}>{children}</ApiProvider>
    </QueryClientProvider>
  );
  // The status bar first, so a shared key would hand its reduced object to the other caller.
  const { result } = renderHook(() => ({ bar: useSyncStatus(), full: useApi('sync.status', {}) }), {
    wrapper,
  });
  await waitFor(() => expect(result.current.bar.data && result.current.full.data).toBeTruthy());
  expect(result.current.bar.data).toEqual({ state: 'upToDate' });
  expect(result.current.full.data).toEqual(STATUS);
  queryClient.clear();
});
