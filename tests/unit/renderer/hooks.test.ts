import { readSyncStatus } from '../../../renderer/src/api/hooks';
import { parseRoute, hrefOf } from '../../../renderer/src/route';

describe('readSyncStatus', () => {
  it('reduces whatever sync.status returns to a status-bar state', () => {
    expect(readSyncStatus(undefined)).toEqual({ state: 'local' });
    expect(
      readSyncStatus({ state: 'offline', connected: false, rejected: [], conflicts: 0 }),
    ).toEqual({ state: 'local' });
    expect(
      readSyncStatus({ state: 'offline', url: 'https://couch.example', conflicts: 2 }),
    ).toEqual({ state: 'offline', conflicts: 2 });
    expect(readSyncStatus({ state: 'connecting' })).toEqual({ state: 'syncing' });
    expect(readSyncStatus({ state: 'pulling', done: 40, total: 120, first: true })).toEqual({
      state: 'syncing',
      detail: '40/120',
    });
    expect(readSyncStatus({ state: 'pushing', pending: 3 })).toEqual({
      state: 'syncing',
      detail: '↑3',
    });
    expect(readSyncStatus({ state: 'upToDate', at: '2026-11-23T10:00:00Z' })).toEqual({
      state: 'upToDate',
    });
    expect(
      readSyncStatus({
        state: 'error',
        reason: 'unauthorized',
        messageKey: 'error.unauthorized',
        params: {},
        retrying: false,
      }),
    ).toEqual({
      state: 'error',
      detail: 'unauthorized',
      messageKey: 'error.unauthorized',
      params: {},
    });
  });
});

describe('routes', () => {
  it('round-trips account routes and defaults to Today', () => {
    const route = { screen: 'account' as const, id: 'account:01ABC', tab: 'issues' };
    expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(parseRoute('#/account/account%3A01ABC')).toEqual({
      screen: 'account',
      id: 'account:01ABC',
      tab: 'overview',
    });
    expect(parseRoute('#/accounts')).toEqual({ screen: 'accounts' });
    expect(parseRoute('')).toEqual({ screen: 'today' });
  });
});
