import { describeState } from '../../../../main/sync/describe';

describe('describeState', () => {
  it('says where sync stands, in English and Chinese', () => {
    expect(describeState({ state: 'pulling', done: 120, total: 50000, first: true })).toBe(
      'First sync: 120 of 50000',
    );
    expect(describeState({ state: 'pulling', done: 1, total: 2, first: true }, 'zh-CN')).toBe(
      '首次同步：1/2',
    );
    expect(describeState({ state: 'pushing', pending: 3 })).toBe('Sending 3 local changes');
    expect(describeState({ state: 'offline' }, 'zh-CN')).toBe('离线');
  });

  it('gives the reason of an error with its details', () => {
    expect(
      describeState({
        state: 'error',
        reason: 'rejected',
        messageKey: 'sync.error.rejected',
        message: 'x',
        params: { id: 'issue:K:1', reason: 'alice is not assigned to account:K' },
        retrying: false,
      }),
    ).toBe('The server refused document issue:K:1: alice is not assigned to account:K');
  });
});
