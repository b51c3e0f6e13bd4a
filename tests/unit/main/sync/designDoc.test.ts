// The validate_doc_update function as CouchDB runs it: the source string, evaluated.
import * as acorn from 'acorn';
import {
  accountRole,
  assignedAccountKeys,
  schemasLiteral,
  teamDesignDoc,
  validateDocUpdateSource,
  validateDocUpdate,
} from '../../../../main/sync/designDoc';
import { timelineEntry } from '../../../../main/api/timelineEntry';
import { documentSchemas } from '../../../../main/sync/structureCheck';
import { SCHEMA_VERSION } from '../../../../shared/domain/common';
import { teamDoc } from '../../../helpers/teamDocs';

type Doc = Record<string, unknown>;
type Validate = (
  newDoc: Doc,
  oldDoc: Doc | null,
  userCtx: { name: string | null; roles: string[] },
) => void;

const compile = (source: string) => new Function(`return (${source});`)() as Validate;
const validate = compile(validateDocUpdate());

function reason(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { forbidden?: string }).forbidden ?? `not forbidden: ${String(error)}`;
  }
}

const doc = (id: string, by: string, extra: Doc = {}): Doc => {
  const [type, key, docKey] = id.split(':');
  return JSON.parse(JSON.stringify(teamDoc(type, key, by, docKey, extra))) as Doc;
};
const alice = { name: 'alice', roles: ['csm', accountRole('K1')] };
const mona = { name: 'mona', roles: ['manager'] };

const fileDoc = (files: Doc | undefined, extra: Doc = {}): Doc => {
  const issue = doc('issue:K1:X', 'alice');
  const envelope = [
    'accountId',
    'schemaVersion',
    'createdAt',
    'createdBy',
    'updatedAt',
    'updatedBy',
  ];
  return {
    ...Object.fromEntries(envelope.map((k) => [k, issue[k]])),
    _id: 'attachment:K1:F1',
    type: 'attachment',
    target: 'issue:K1:X',
    targetType: 'issue',
    name: 'scan.pdf',
    contentType: 'application/pdf',
    size: 3,
    ...(files ? { _attachments: files } : {}),
    ...extra,
  };
};

describe('validate_doc_update: attachments', () => {
  const pdf = (data: unknown, more: Doc = {}) => ({
    file: { content_type: 'application/pdf', data, ...more },
  });
  it('takes one file of the declared type within the limit, inline, binary or as a stub', () => {
    expect(reason(() => validate(fileDoc(pdf('YWJj')), null, alice))).toBeNull();
    expect(reason(() => validate(fileDoc(pdf(new Uint8Array(3))), null, alice))).toBeNull();
    const stub = { file: { content_type: 'application/pdf', stub: true, length: 3 } };
    expect(reason(() => validate(fileDoc(stub), null, alice))).toBeNull();
  });
  it('refuses a file over the limit, of another type, a second file, files elsewhere', () => {
    const big = 'A'.repeat(Math.ceil((10 * 1024 * 1024 + 3) / 3) * 4);
    expect(reason(() => validate(fileDoc(pdf(big)), null, alice))).toMatch(
      /attachment of \d+ bytes is over the limit of 10485760 bytes/,
    );
    const stub = { file: { content_type: 'application/pdf', stub: true, length: 10485761 } };
    expect(reason(() => validate(fileDoc(stub), null, alice))).toContain('over the limit');
    expect(
      reason(() =>
        validate(fileDoc({ file: { content_type: 'text/html', data: 'YWJj' } }), null, alice),
      ),
    ).toContain('content type');
    expect(
      reason(() =>
        validate(
          fileDoc({ ...pdf('YWJj'), other: { content_type: 'application/pdf', data: 'YWJj' } }),
          null,
          alice,
        ),
      ),
    ).toContain('one file');
    expect(reason(() => validate(fileDoc(undefined), null, alice))).toContain('_attachments.file');
    expect(
      reason(() =>
        validate({ ...doc('issue:K1:X', 'alice'), _attachments: pdf('YWJj') }, null, alice),
      ),
    ).toContain('only an attachment document carries files');
    expect(
      reason(() =>
        validate(
          { ...fileDoc(pdf('YWJj')), _id: 'attachment:K2:F1', accountId: 'account:K2' },
          null,
          alice,
        ),
      ),
    ).toContain('not assigned to account:K2');
  });
});

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
    const odd = { ...doc('issue:K1:X', 'alice'), _id: 'random-id' };
    expect(reason(() => validate(odd, null, alice))).toContain('not a workbench document id');
    expect(reason(() => validate({ _id: '_design/x' }, null, alice))).toContain('design');
  });

  it('keeps the author: createdBy is the writer when new and unchanged after', () => {
    const forged = doc('issue:K1:X', 'alice', { createdBy: 'bob' });
    expect(reason(() => validate(forged, null, alice))).toContain('createdBy of a new document');
    const old = doc('issue:K1:X', 'bob', { createdBy: 'bob' });
    const edited = doc('issue:K1:X', 'alice', { createdBy: 'bob', title: 'Edited' });
    expect(reason(() => validate(edited, old, alice))).toBeNull();
    const taken = doc('issue:K1:X', 'alice', { title: 'Mine now' });
    expect(reason(() => validate(taken, old, alice))).toContain('createdBy cannot change');
    // A document written again after its deletion is new again.
    const revived = doc('issue:K1:X', 'alice');
    expect(
      reason(() => validate(revived, { _id: 'issue:K1:X', _deleted: true }, alice)),
    ).toBeNull();
  });

  it('refuses a timeline entry by someone else', () => {
    const entry = (by: string) =>
      JSON.parse(
        JSON.stringify({
          ...timelineEntry({
            accountId: 'account:K1',
            user: by,
            at: new Date().toISOString(),
            action: 'updated',
            target: { _id: 'issue:K1:X', type: 'issue' },
          }),
          createdBy: 'alice',
          updatedBy: 'alice',
        }),
      ) as Doc;
    expect(reason(() => validate(entry('alice'), null, alice))).toBeNull();
    expect(reason(() => validate(entry('bob'), null, alice))).toContain('timeline entry');
  });

  it('checks the structure of every type', () => {
    expect(reason(() => validate(doc('issue:K1:X', 'alice', { title: 123 }), null, alice))).toBe(
      'invalid issue: title must be of type string',
    );
    expect(
      reason(() => validate(doc('issue:K1:X', 'alice', { priority: 'bogus' }), null, alice)),
    ).toMatch(/^invalid issue: priority must be one of/);
    expect(
      reason(() => validate(doc('contact:K1:C', 'alice', { sneaky: true }), null, alice)),
    ).toBe('invalid contact: sneaky is not a field of this document');
    expect(
      reason(() =>
        validate(
          { ...doc('issue:K1:X', 'alice'), type: 'gadget', _id: 'gadget:K1:X' },
          null,
          alice,
        ),
      ),
    ).toContain('unknown document type gadget');
  });

  it('lets a manager write every account, still as himself', () => {
    expect(reason(() => validate(doc('issue:K9:X', 'mona'), null, mona))).toBeNull();
    expect(reason(() => validate(doc('issue:K9:X', 'alice'), null, mona))).toContain('updatedBy');
    expect(reason(() => validate(doc('issue:K9:X', 'mona', { title: 5 }), null, mona))).toContain(
      'invalid issue',
    );
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

  describe('team members (teamMember:<login>, team-wide)', () => {
    // The people directory's schema comes with its own branch; a stand-in shape here.
    const withMember = compile(
      validateDocUpdateSource({
        ...documentSchemas(),
        teamMember: {
          type: 'object',
          properties: { role: { type: 'string', enum: ['csm', 'consultant', 'manager'] } },
          additionalProperties: true,
        },
      }),
    );
    const member = (login: string, by: string, role = 'csm'): Doc => ({
      _id: `teamMember:${login}`,
      type: 'teamMember',
      accountId: 'account:TEAM',
      login,
      schemaVersion: SCHEMA_VERSION,
      role,
      createdBy: by,
      updatedBy: by,
    });

    it('lets a manager write anyone’s record', () => {
      expect(reason(() => withMember(member('bob', 'mona', 'manager'), null, mona))).toBeNull();
      const old = member('alice', 'mona');
      const promoted = { ...member('alice', 'mona', 'manager'), createdBy: 'mona' };
      expect(reason(() => withMember(promoted, old, mona))).toBeNull();
    });

    it('lets a member write her own record but not its role, nor anyone else’s', () => {
      expect(reason(() => withMember(member('alice', 'alice'), null, alice))).toBeNull();
      expect(reason(() => withMember(member('bob', 'alice'), null, alice))).toContain(
        'only teamMember:alice',
      );
      const old = member('alice', 'alice');
      expect(reason(() => withMember(member('alice', 'alice', 'manager'), old, alice))).toContain(
        'role',
      );
      expect(reason(() => withMember(member('alice', 'alice', 'manager'), null, alice))).toContain(
        'role',
      );
      expect(
        reason(() => withMember({ _id: 'teamMember:alice', _deleted: true }, old, alice)),
      ).toContain('only a manager removes');
    });
  });

  it('embeds exactly the generated schemas, each recurring part written once', () => {
    const schemas = documentSchemas();
    const literal = schemasLiteral(schemas);
    expect(new Function(`${literal}\nreturn SCHEMAS;`)()).toEqual(schemas);
    expect(literal.length).toBeLessThan(JSON.stringify(schemas).length / 1.5);
  });

  it('is plain ES5 for CouchDB’s JavaScript engine', () => {
    const source = teamDesignDoc().validate_doc_update;
    expect(() =>
      acorn.parse(`(${source})`, { ecmaVersion: 5, sourceType: 'script' }),
    ).not.toThrow();
    // Outside the embedded schemas (JSON, where "const" is a keyword), no ES2015 syntax at all.
    const code = source.replace(/(var SCHEMAS|D\[\d+\]) = .*;\n/g, '');
    expect(code).not.toMatch(/=>|\b(let|const|class)\s+[A-Za-z_$]|`/);
  });

  it('reads a user’s accounts from her roles', () => {
    expect(assignedAccountKeys(['csm', 'acct:K1', 'acct:K2', '_admin'])).toEqual(['K1', 'K2']);
  });
});
