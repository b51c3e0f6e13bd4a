// The whole team's pull for a non-manager leaves out the files of accounts not hers (the server
// refuses them), and nothing else; a manager's takes everything replicated.
import { teamSelectorFor, TEAM_SELECTOR } from '../../../../main/sync/service';

const pattern = (roles: string[]) =>
  new RegExp((teamSelectorFor(roles)._id as { $regex: string }).$regex);

describe('teamSelectorFor', () => {
  it('takes every replicated document for a manager', () => {
    expect(teamSelectorFor(['manager'])).toBe(TEAM_SELECTOR);
  });

  it('takes the files of her accounts only, and every other document', () => {
    const re = pattern(['csm', 'acct:K1', 'acct:K2']);
    for (const id of [
      'attachment:K1:F1',
      'attachment:K2:F9',
      'visit:K3:V1',
      'account:K3',
      'teamMember:li.na',
    ]) {
      expect([id, re.test(id)]).toEqual([id, true]);
    }
    for (const id of ['attachment:K3:F1', 'attachment:K11:F1', 'healthScore:K1:current']) {
      expect([id, re.test(id)]).toEqual([id, false]);
    }
  });

  it('takes no file at all without an assignment', () => {
    const re = pattern(['consultant']);
    expect(re.test('attachment:K1:F1')).toBe(false);
    expect(re.test('issue:K1:I1')).toBe(true);
  });
});
