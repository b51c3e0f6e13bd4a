import { readSyncStatus } from '../../../renderer/src/api/hooks';
import { parseRoute, hrefOf } from '../../../renderer/src/route';

describe('readSyncStatus', () => {
  it('reduces whatever sync.status returns to a status-bar state', () => {
    expect(readSyncStatus(undefined)).toEqual({ state: 'local' });
    expect(readSyncStatus({ state: 'syncing', done: 40, total: 120 })).toEqual({
      state: 'syncing',
      detail: '40/120',
    });
    expect(readSyncStatus({ state: 'upToDate' })).toEqual({ state: 'upToDate' });
    expect(readSyncStatus({ state: 'error', reason: 'unauthorized' })).toEqual({
      state: 'error',
      detail: 'unauthorized',
    });
    expect(readSyncStatus({ state: 'offline' })).toEqual({ state: 'offline', detail: '' });
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
