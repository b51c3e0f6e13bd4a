import { accountDocRange, newAccountId, newDocId, parseDocId } from '../../../../shared/domain/ids';

describe('document ids', () => {
  it('carry the account in every id', () => {
    const accountId = newAccountId();
    expect(accountId).toMatch(/^account:[0-9A-Z]{26}$/);
    const issueId = newDocId('issue', accountId);
    expect(issueId.startsWith(`issue:${accountId.slice(8)}:`)).toBe(true);
    expect(parseDocId(issueId)).toEqual({ type: 'issue', accountId });
    expect(parseDocId(accountId)).toEqual({ type: 'account', accountId });
  });

  it('returns null for ids the workbench did not make', () => {
    expect(parseDocId('_design/auth')).toBeNull();
    expect(parseDocId('plain')).toBeNull();
    expect(parseDocId('a:b:c:d')).toBeNull();
  });

  it('gives one account and type as a key range', () => {
    const accountId = newAccountId('01ABC');
    const range = accountDocRange('issue', accountId);
    expect('issue:01ABC:01ZZZ' >= range.startkey && 'issue:01ABC:01ZZZ' <= range.endkey).toBe(true);
    expect('issue:01ABD:01AAA' <= range.endkey).toBe(false);
    expect(() => newDocId('issue', 'not-an-account')).toThrow(/not an account id/);
  });

  it('sorts ids of one account by creation time', () => {
    const accountId = newAccountId();
    const first = newDocId('issue', accountId);
    const second = newDocId('issue', accountId, '01ZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(first < second).toBe(true);
  });
});
