// The validate_doc_update function as CouchDB runs it: the source string, evaluated.
import {
  accountRole,
  assignedAccountKeys,
  teamDesignDoc,
  VALIDATE_DOC_UPDATE,
} from '../../../../main/sync/designDoc';
import { SCHEMA_VERSION } from '../../../../shared/domain/common';

type Validate = (
  newDoc: Record<string, unknown>,
  oldDoc: Record<string, unknown> | null,
  userCtx: { name: string | null; roles: string[] },
) => void;

const validate = new Function(`return (${VALIDATE_DOC_UPDATE});`)() as Validate;

function reason(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { forbidden?: string }).forbidden ?? `not forbidden: ${String(error)}`;
  }
}

const doc = (id: string, by: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  type: id.split(':')[0],
  accountId: `account:${id.split(':')[1]}`,
  schemaVersion: SCHEMA_VERSION,
  updatedBy: by,
  ...extra,
});
const alice = { name: 'alice', roles: ['csm', accountRole('K1')] };

describe('validate_doc_update', () => {
  it('lets a CSM write her assigned account and its documents as herself', () => {
    expect(reason(() => validate(doc('account:K1', 'alice'), null, alice))).toBeNull();
    expect(reason(() => validate(doc('issue:K1:X', 'alice'), null, alice))).toBeNull();
    expect(reason(() => validate({ _id: 'issue:K1:X', _deleted: true }, null, alice))).toBeNull();
  });

  it('refuses other accounts, forged authors, other schema versions and odd ids', () => {
    expect(reason(() => validate(doc('issue:K2:X', 'alice'), null, alice))).toContain(
      'not assigned to account:K2',
    );
    expect(reason(() => validate({ _id: 'issue:K2:X', _deleted: true }, null, alice))).toContain(
      'not assigned',
    );
    expect(reason(() => validate(doc('issue:K1:X', 'bob'), null, alice))).toContain('updatedBy');
    expect(
      reason(() => validate(doc('issue:K1:X', 'alice', { schemaVersion: 99 }), null, alice)),
    ).toContain('schemaVersion');
    expect(
      reason(() => validate(doc('issue:K1:X', 'alice', { accountId: 'account:K2' }), null, alice)),
    ).toContain('accountId');
    expect(
      reason(() => validate(doc('issue:K1:X', 'alice', { type: 'visit' }), null, alice)),
    ).toContain('type');
    expect(reason(() => validate(doc('random-id', 'alice'), null, alice))).toContain(
      'not a workbench document id',
    );
    expect(reason(() => validate({ _id: '_design/x' }, null, alice))).toContain('design');
  });

  it('lets a manager write every account, still as himself', () => {
    const mona = { name: 'mona', roles: ['manager'] };
    expect(reason(() => validate(doc('issue:K9:X', 'mona'), null, mona))).toBeNull();
    expect(reason(() => validate(doc('issue:K9:X', 'alice'), null, mona))).toContain('updatedBy');
  });

  it('refuses a user without a workbench role, and lets the server admin do anything', () => {
    const eve = { name: 'eve', roles: [accountRole('K1')] };
    expect(reason(() => validate(doc('issue:K1:X', 'eve'), null, eve))).toContain(
      'no workbench role',
    );
    expect(
      reason(() => validate({ _id: '_design/x' }, null, { name: 'admin', roles: ['_admin'] })),
    ).toBeNull();
  });

  it('is plain ES5 for CouchDB’s JavaScript engine', () => {
    expect(teamDesignDoc().validate_doc_update).not.toMatch(/=>|\blet\b|\bconst\b|`/);
  });

  it('reads a user’s accounts from her roles', () => {
    expect(assignedAccountKeys(['csm', 'acct:K1', 'acct:K2', '_admin'])).toEqual(['K1', 'K2']);
  });
});
