// The team member rule of validate_doc_update: managers write any record, a member only their
// own, and never its role.
import { validateDocUpdate } from '../../../../main/sync/designDoc';
import { SCHEMA_VERSION } from '../../../../shared/domain/common';
import { TODAY } from '../../../helpers/clock';

type Validate = (
  newDoc: Record<string, unknown>,
  oldDoc: Record<string, unknown> | null,
  userCtx: { name: string | null; roles: string[] },
) => void;

const validate = new Function(`return (${validateDocUpdate()});`)() as Validate;

function reason(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { forbidden?: string }).forbidden ?? `not forbidden: ${String(error)}`;
  }
}

const member = (login: string, by: string, extra: Record<string, unknown> = {}) => ({
  _id: `teamMember:${login}`,
  type: 'teamMember',
  accountId: 'account:TEAM',
  schemaVersion: SCHEMA_VERSION,
  login,
  nameZh: '李娜',
  role: 'csm',
  active: true,
  createdAt: `${TODAY}T08:00:00.000Z`,
  createdBy: by,
  updatedAt: `${TODAY}T08:00:00.000Z`,
  updatedBy: by,
  ...extra,
});
const lina = { name: 'li.na', roles: ['csm'] };
const boss = { name: 'wang.boss', roles: ['manager'] };

describe('validate_doc_update: team members', () => {
  it('lets a manager write and remove any member, role included', () => {
    expect(reason(() => validate(member('li.na', 'wang.boss'), null, boss))).toBeNull();
    const old = member('li.na', 'li.na');
    expect(
      reason(() =>
        validate(member('li.na', 'wang.boss', { role: 'manager', createdBy: 'li.na' }), old, boss),
      ),
    ).toBeNull();
    expect(reason(() => validate({ _id: 'teamMember:li.na', _deleted: true }, old, boss))).toBe(
      null,
    );
  });

  it('lets a member create and edit their own record as themselves', () => {
    expect(reason(() => validate(member('li.na', 'li.na'), null, lina))).toBeNull();
    const old = member('li.na', 'li.na');
    expect(
      reason(() => validate(member('li.na', 'li.na', { title: '高级经理' }), old, lina)),
    ).toBeNull();
  });

  it("refuses another member's record, a changed or self-granted role, and removal", () => {
    expect(reason(() => validate(member('huang.tao', 'li.na'), null, lina))).toContain(
      'may change only teamMember:li.na',
    );
    const old = member('li.na', 'li.na');
    expect(
      reason(() => validate(member('li.na', 'li.na', { role: 'manager' }), old, lina)),
    ).toContain('role');
    expect(
      reason(() => validate(member('li.na', 'li.na', { role: 'manager' }), null, lina)),
    ).toContain('role');
    expect(
      reason(() => validate({ _id: 'teamMember:li.na', _deleted: true }, old, lina)),
    ).toContain('only a manager removes');
  });

  it('refuses forged authors, a login that differs from the id, and users without a role', () => {
    expect(reason(() => validate(member('li.na', 'wang.boss'), null, lina))).toContain('updatedBy');
    expect(
      reason(() => validate(member('li.na', 'li.na', { login: 'huang.tao' }), null, lina)),
    ).toContain('not a team member record');
    expect(
      reason(() => validate(member('li.na', 'li.na', { accountId: 'account:K1' }), null, lina)),
    ).toContain('not a team member record');
    expect(
      reason(() => validate(member('li.na', 'li.na'), null, { name: 'li.na', roles: [] })),
    ).toContain('no workbench role');
  });
});
