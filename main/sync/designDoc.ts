// What `server init` installs in the team database: who may read it (_security) and who may
// write what (validate_doc_update). The server enforces both; the app's own checks are a courtesy.
import { SCHEMA_VERSION } from '../../shared/domain/common';
import { ATTACHMENT_FILE, MAX_ATTACHMENT_BYTES } from '../../shared/rules/attachments';
import { documentSchemas, STRUCTURE_CHECK_SOURCE, type JsonSchema } from './structureCheck';

/**
 * The team server's roles. `product` is the product team's (产品经理 / Product manager): it decides
 * the requirements library's status, release, solution and priority model, and writes nothing
 * of the accounts beyond what that takes (see validateDocUpdateSource).
 */
export const TEAM_ROLES = ['csm', 'consultant', 'manager', 'product'] as const;
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
 * The fields of a requirement only a manager or the product role decides: a CSM collects a need
 * (status `collected`) and restores its scenario, the product team says what becomes of it.
 */
export const REQUIREMENT_DECISION_FIELDS = [
  'status',
  'release',
  'releasedOn',
  'declineReason',
  'solution',
  'mergedInto',
] as const;

/**
 * The schemas as ES5 source: `var D = []; D[0] = {...}; ... var SCHEMAS = {...};`, where every
 * sub-schema that recurs (a date, a user name, the system fields) is written once in `D` and
 * referred to, since pouchdb-validation compiles the whole function again for each write.
 */
export function schemasLiteral(schemas: Record<string, JsonSchema>): string {
  const counts = new Map<string, number>();
  const count = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    Object.values(node).forEach(count);
    const json = JSON.stringify(node);
    counts.set(json, (counts.get(json) ?? 0) + 1);
  };
  Object.values(schemas).forEach(count);
  const shared = new Map<string, number>();
  const definitions: string[] = [];
  const write = (node: unknown): string => {
    if (!node || typeof node !== 'object') return JSON.stringify(node);
    const json = JSON.stringify(node);
    if (shared.has(json)) return `D[${shared.get(json)}]`;
    const body = Array.isArray(node)
      ? `[${node.map(write).join(',')}]`
      : `{${Object.entries(node)
          .map(([key, value]) => `${JSON.stringify(key)}:${write(value)}`)
          .join(',')}}`;
    if ((counts.get(json) ?? 0) < 2 || json.length < 24) return body;
    shared.set(json, definitions.length);
    definitions.push(`D[${definitions.length}] = ${body};`);
    return `D[${shared.get(json)}]`;
  };
  const top = write(schemas);
  // U+2028 and U+2029 end a line in ES5 source, even inside a string literal.
  const es5 = (text: string) =>
    text.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return es5(`var D = [];\n  ${definitions.join('\n  ')}\n  var SCHEMAS = ${top};`);
}

/**
 * Runs inside CouchDB's JavaScript engine (SpiderMonkey), so it is plain ES5 in a string.
 * It sees only the document being written and the writer, so write authority lives in the
 * writer's roles: `manager` writes everything, `csm`/`consultant` write the accounts whose
 * `acct:<key>` role they hold (granted by `server assign`); the team's health model is for managers
 * only. The requirements library (`requirement:TEAM:<ulid>`) is team-wide: any member may collect
 * a need and edit its text, but its status, release, decline reason, solution and merge (and the
 * priority model) are the manager's or the `product` role's (customersTold included: the CSM
 * tells, the manager closes); every member logs a requirement's changes on the TEAM timeline.
 * The product role writes no account document except moving an ask (and its open "tell the
 * customer" task) to the requirement its duplicate was merged into, creating a release's tell
 * tasks (a task whose origin is `requirementTell`), and the timeline entries of those.
 * Every document id names its account, except the team's people (`teamMember:<login>`):
 * a manager writes any, a member only her own, without changing its role. Nobody but the
 * server admin forges an author: `createdBy` is the writer on a new document and kept after,
 * `updatedBy` and a timeline entry's `by` are the writer. Each type's structure is checked
 * against the JSON Schema generated from its zod schema (structureCheck.ts).
 */
export function validateDocUpdateSource(
  schemas: Record<string, JsonSchema> = documentSchemas(),
): string {
  return `function (newDoc, oldDoc, userCtx) {
  ${schemasLiteral(schemas)}
  ${STRUCTURE_CHECK_SOURCE.replace(/\n/g, '\n  ')}
  var roles = userCtx.roles || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  if (has('_admin')) return;
  var id = newDoc._id;
  var name = userCtx.name;
  if (id.indexOf('_design/') === 0) {
    throw({ forbidden: 'only a server admin changes design documents' });
  }
  var manager = has('manager');
  var product = has('product');
  var decides = manager || product;
  if (!manager && !product && !has('csm') && !has('consultant')) {
    throw({ forbidden: name + ' has no workbench role' });
  }
  var DECISIONS = ${JSON.stringify(REQUIREMENT_DECISION_FIELDS)};
  function same(a, b) {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
    var k;
    for (k in a) if (Object.prototype.hasOwnProperty.call(a, k) && !same(a[k], b[k])) return false;
    for (k in b) if (Object.prototype.hasOwnProperty.call(b, k) && !Object.prototype.hasOwnProperty.call(a, k)) return false;
    return true;
  }
  function tellTask(d) {
    var o = d && d.origin;
    return o !== null && typeof o === 'object' && o.kind === 'requirementTell' &&
      typeof o.requirementId === 'string' && o.requirementId.indexOf('requirement:TEAM:') === 0;
  }
  function changedExcept(allowed) {
    var k, out = [];
    for (k in newDoc) if (Object.prototype.hasOwnProperty.call(newDoc, k) && k.charAt(0) !== '_' && allowed.indexOf(k) === -1 && !same(newDoc[k], oldDoc[k])) out.push(k);
    for (k in oldDoc) if (Object.prototype.hasOwnProperty.call(oldDoc, k) && k.charAt(0) !== '_' && allowed.indexOf(k) === -1 && !Object.prototype.hasOwnProperty.call(newDoc, k)) out.push(k);
    return out;
  }
  var person = /^teamMember:([^:]{1,100})$/.exec(id);
  var isNew = !oldDoc || oldDoc._deleted === true;
  if (person) {
    if (!manager && person[1] !== name) {
      throw({ forbidden: name + ' may change only teamMember:' + name });
    }
    if (!manager && newDoc._deleted) {
      throw({ forbidden: 'only a manager removes a team member' });
    }
    if (!manager && !isNew && newDoc.role !== oldDoc.role) {
      throw({ forbidden: 'only a manager changes the role of a team member' });
    }
    var ownRole = newDoc.role === 'csm' || newDoc.role === 'consultant' || newDoc.role === 'product';
    if (!manager && isNew && !(ownRole && has(newDoc.role))) {
      throw({ forbidden: 'the role on ' + id + ' must be the role of ' + name });
    }
    if (!newDoc._deleted && (newDoc.login !== person[1] || newDoc.accountId !== 'account:TEAM')) {
      throw({ forbidden: 'not a team member record of ' + person[1] });
    }
  } else {
    var match = /^account:([0-9A-Za-z]{1,64})$/.exec(id) ||
      /^[a-zA-Z]+:([0-9A-Za-z]{1,64}):[0-9A-Za-z]{1,64}$/.exec(id);
    if (!match) throw({ forbidden: 'not a workbench document id: ' + id });
    var key = match[1];
    var kind = id.split(':')[0];
    if (!manager && id.indexOf('healthModel:') === 0) {
      throw({ forbidden: 'only a manager changes the health model' });
    }
    if (kind === 'requirement' || kind === 'requirementModel') {
      if (key !== 'TEAM') throw({ forbidden: 'a ' + kind + ' is team-wide: ' + kind + ':TEAM:...' });
      if (kind === 'requirementModel' && !decides) {
        throw({ forbidden: 'only a manager or product manager changes the requirement priority model' });
      }
      if (!decides && newDoc._deleted) {
        throw({ forbidden: 'only a manager or product manager removes a requirement' });
      }
      if (!decides && !newDoc._deleted) {
        var i, field;
        if (isNew) {
          if (newDoc.status !== 'collected') {
            throw({ forbidden: 'a new requirement from ' + name + ' must have status collected; only a manager or product manager decides its status' });
          }
          for (i = 0; i < DECISIONS.length; i++) {
            field = DECISIONS[i];
            if (field !== 'status' && newDoc[field] !== undefined) {
              throw({ forbidden: 'only a manager or product manager sets ' + field + ' of a requirement' });
            }
          }
        } else {
          for (i = 0; i < DECISIONS.length; i++) {
            field = DECISIONS[i];
            if (!same(newDoc[field], oldDoc[field])) {
              throw({ forbidden: 'only a manager or product manager changes ' + field + ' of a requirement' });
            }
          }
        }
      }
    } else if (!manager && !has('acct:' + key)) {
      var live = !newDoc._deleted;
      var target = typeof newDoc.targetId === 'string' ? newDoc.targetId : '';
      var allowed =
        // The product role moves an ask to the requirement its duplicate was merged into ...
        (product && kind === 'requirementAsk' && !isNew && live &&
          changedExcept(['requirementId', 'updatedAt', 'updatedBy']).length === 0) ||
        // ... creates a release's "tell the customer" tasks, or moves them in a merge ...
        (product && kind === 'task' && live && tellTask(newDoc) &&
          (isNew || (tellTask(oldDoc) && changedExcept(['origin', 'updatedAt', 'updatedBy']).length === 0))) ||
        // ... and logs those on the account's timeline.
        (product && kind === 'timeline' && isNew && live &&
          (newDoc.targetType === 'requirementAsk' || newDoc.targetType === 'task') &&
          target.split(':')[1] === key) ||
        // Every member logs the team-wide requirements' changes on the TEAM timeline.
        (key === 'TEAM' && kind === 'timeline' && isNew && live &&
          (newDoc.targetType === 'requirement' || (decides && newDoc.targetType === 'requirementModel')) &&
          target.indexOf(newDoc.targetType + ':TEAM:') === 0);
      if (!allowed) throw({ forbidden: name + ' is not assigned to account:' + key });
    }
    if (!newDoc._deleted && newDoc.accountId !== 'account:' + key) {
      throw({ forbidden: 'accountId does not match the document id' });
    }
  }
  if (newDoc._deleted) return;
  var files = newDoc._attachments;
  var fileNames = files && typeof files === 'object' ? Object.keys(files) : [];
  if (fileNames.length > 0 && newDoc.type !== 'attachment') {
    throw({ forbidden: 'only an attachment document carries files' });
  }
  if (newDoc.type === 'attachment' && !(files && files.${ATTACHMENT_FILE})) {
    throw({ forbidden: 'an attachment document carries its file as _attachments.${ATTACHMENT_FILE}' });
  }
  for (var f = 0; f < fileNames.length; f++) {
    if (fileNames[f] !== '${ATTACHMENT_FILE}') {
      throw({ forbidden: 'an attachment document carries one file, ${ATTACHMENT_FILE}' });
    }
    var file = files[fileNames[f]];
    var bytes = 0;
    if (typeof file.length === 'number') bytes = file.length;
    else if (typeof file.data === 'string') {
      bytes = Math.floor(file.data.replace(/=+$/, '').length * 3 / 4);
    } else if (file.data && typeof file.data.length === 'number') bytes = file.data.length;
    if (bytes > ${MAX_ATTACHMENT_BYTES}) {
      throw({ forbidden: 'attachment of ' + bytes + ' bytes is over the limit of ${MAX_ATTACHMENT_BYTES} bytes' });
    }
    if (file.content_type !== newDoc.contentType) {
      throw({ forbidden: 'the content type of the file must be the contentType of the document' });
    }
  }
  if (newDoc.updatedBy !== name) {
    throw({ forbidden: 'updatedBy must be the writing user ' + name });
  }
  if (isNew && newDoc.createdBy !== name) {
    throw({ forbidden: 'createdBy of a new document must be the writing user ' + name });
  }
  if (!isNew && newDoc.createdBy !== oldDoc.createdBy) {
    throw({ forbidden: 'createdBy cannot change (it is ' + oldDoc.createdBy + ')' });
  }
  if (newDoc.type === 'timeline' && newDoc.by !== name) {
    throw({ forbidden: 'a timeline entry must be by the writing user ' + name });
  }
  if (newDoc.schemaVersion !== ${SCHEMA_VERSION}) {
    throw({ forbidden: 'schemaVersion ' + newDoc.schemaVersion + ' is not ${SCHEMA_VERSION}' });
  }
  if (id.split(':')[0] !== newDoc.type) {
    throw({ forbidden: 'type does not match the document id' });
  }
  if (!Object.prototype.hasOwnProperty.call(SCHEMAS, newDoc.type)) {
    throw({ forbidden: 'unknown document type ' + newDoc.type });
  }
  var problem = structureProblem(SCHEMAS[newDoc.type], newDoc, '', true);
  if (problem !== null) throw({ forbidden: 'invalid ' + newDoc.type + ': ' + problem });
}`;
}

let validateSource: string | undefined;
/**
 * The team's validate_doc_update, made on first use: generating every type's JSON Schema takes
 * about 90 ms, which every backend and CLI start paid before it needed it.
 */
export function validateDocUpdate(): string {
  validateSource ??= validateDocUpdateSource();
  return validateSource;
}

export function teamDesignDoc(): { _id: string; language: string; validate_doc_update: string } {
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: validateDocUpdate() };
}

/** Members by role may read and write (subject to validate_doc_update); admins stay server admins. */
export function teamSecurity(): {
  admins: { names: string[]; roles: string[] };
  members: { names: string[]; roles: string[] };
} {
  return { admins: { names: [], roles: [] }, members: { names: [], roles: [...TEAM_ROLES] } };
}
