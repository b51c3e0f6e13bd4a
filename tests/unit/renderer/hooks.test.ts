import { readSyncStatus } from '../../../renderer/src/api/hooks';
import { parseRoute, hrefOf } from '../../../renderer/src/route';

describe('readSyncStatus', () => {
  const details = {
    connected: true,
    url: 'https://couch.example',
    credentialStorage: { kind: 'file' as const },
    rejected: [],
    conflicts: 0,
  };

  it('reduces each sync state to a status-bar state', () => {
    expect(readSyncStatus(undefined)).toEqual({ state: 'local' });
    expect(readSyncStatus({ ...details, state: 'offline', connected: false })).toEqual({
      state: 'local',
    });
    expect(readSyncStatus({ ...details, state: 'offline', conflicts: 2 })).toEqual({
      state: 'offline',
      conflicts: 2,
    });
    expect(readSyncStatus({ ...details, state: 'connecting' })).toEqual({ state: 'syncing' });
    expect(
      readSyncStatus({ ...details, state: 'pulling', done: 40, total: 120, first: true }),
    ).toEqual({ state: 'syncing', detail: '40/120' });
    expect(readSyncStatus({ ...details, state: 'pushing', pending: 3 })).toEqual({
      state: 'syncing',
      detail: '↑3',
    });
    expect(readSyncStatus({ ...details, state: 'upToDate', at: '2026-11-23T10:00:00Z' })).toEqual({
      state: 'upToDate',
    });
    expect(
      readSyncStatus({
        ...details,
        state: 'error',
        reason: 'wrongPassword',
        messageKey: 'sync.error.wrongPassword',
        message: 'wrong user name or password',
        params: {},
        retrying: false,
      }),
    ).toEqual({
      state: 'error',
      detail: 'wrongPassword',
      messageKey: 'sync.error.wrongPassword',
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
