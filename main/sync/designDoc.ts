// What `server init` installs in the team database: who may read it (_security) and who may
// write what (validate_doc_update). The server enforces both; the app's own checks are a courtesy.
import { SCHEMA_VERSION } from '../../shared/domain/common';

export const TEAM_ROLES = ['csm', 'consultant', 'manager'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The CouchDB role that gives write authority over one account's documents. */
export function accountRole(accountKey: string): string {
  return `acct:${accountKey}`;
}

/** Account keys a user may write, from their CouchDB roles. */
export function assignedAccountKeys(roles: readonly string[]): string[] {
  return roles.filter((r) => r.startsWith('acct:')).map((r) => r.slice('acct:'.length));
}

export const DESIGN_DOC_ID = '_design/csm-workbench';

/**
 * Runs inside CouchDB's JavaScript engine (SpiderMonkey), so it is plain ES5 in a string.
 * It sees only the document being written and the writer, so write authority lives in the
 * writer's roles: `manager` writes everything, `csm`/`consultant` write the accounts whose
 * `acct:<key>` role they hold (granted by `server assign`); the team's health model is for managers
 * only. Every document id names its account.
 */
export const VALIDATE_DOC_UPDATE = `function (newDoc, oldDoc, userCtx) {
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  if (has('_admin')) return;
  var id = newDoc._id;
  if (id.indexOf('_design/') === 0) {
    throw({ forbidden: 'only a server admin changes design documents' });
  }
  var member = /^teamMember:([A-Za-z0-9][A-Za-z0-9._@-]{0,63})$/.exec(id);
  if (member) {
    if (!has('manager')) {
      if (!has('csm') && !has('consultant')) {
        throw({ forbidden: userCtx.name + ' has no workbench role' });
      }
      if (member[1] !== userCtx.name) {
        throw({ forbidden: userCtx.name + ' may change only their own team member record' });
      }
      if (newDoc._deleted) throw({ forbidden: 'only a manager removes a team member' });
      var keptRole = oldDoc && !oldDoc._deleted ? oldDoc.role === newDoc.role : has(newDoc.role);
      if (!keptRole) throw({ forbidden: 'only a manager changes a team member role' });
    }
    if (newDoc._deleted) return;
    if (newDoc.updatedBy !== userCtx.name) {
      throw({ forbidden: 'updatedBy must be the writing user ' + userCtx.name });
    }
    if (newDoc.type !== 'teamMember' || newDoc.login !== member[1] ||
        newDoc.accountId !== 'account:TEAM' || newDoc.schemaVersion !== ${SCHEMA_VERSION}) {
      throw({ forbidden: 'not a team member record of ' + member[1] });
    }
    return;
  }
  var match = /^account:([0-9A-Za-z]{1,64})$/.exec(id) ||
    /^[a-zA-Z]+:([0-9A-Za-z]{1,64}):[0-9A-Za-z]{1,64}$/.exec(id);
  if (!match) throw({ forbidden: 'not a workbench document id: ' + id });
  var key = match[1];
  var manager = has('manager');
  if (!manager && !has('csm') && !has('consultant')) {
    throw({ forbidden: userCtx.name + ' has no workbench role' });
  }
  if (!manager && id.indexOf('healthModel:') === 0) {
    throw({ forbidden: 'only a manager changes the health model' });
  }
  if (!manager && !has('acct:' + key)) {
    throw({ forbidden: userCtx.name + ' is not assigned to account:' + key });
  }
  if (newDoc._deleted) return;
  if (newDoc.updatedBy !== userCtx.name) {
    throw({ forbidden: 'updatedBy must be the writing user ' + userCtx.name });
  }
  if (newDoc.schemaVersion !== ${SCHEMA_VERSION}) {
    throw({ forbidden: 'schemaVersion ' + newDoc.schemaVersion + ' is not ${SCHEMA_VERSION}' });
  }
  if (newDoc.accountId !== 'account:' + key) {
    throw({ forbidden: 'accountId does not match the document id' });
  }
  if (id.split(':')[0] !== newDoc.type) {
    throw({ forbidden: 'type does not match the document id' });
  }
}`;

export function teamDesignDoc(): { _id: string; language: string; validate_doc_update: string } {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: VALIDATE_DOC_UPDATE };
}

/** Members by role may read and write (subject to validate_doc_update); admins stay server admins. */
export function teamSecurity(): {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
} {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [...TEAM_ROLES] } };
}
