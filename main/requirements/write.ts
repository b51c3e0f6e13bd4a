// The requirements loop's writes, all through the one writer: raise a requirement with its first
// ask, add an account's ask, edit, decide status and solution (manager or product), the
// customer's confirmation, telling the customer (a touchpoint) and merging a duplicate.
import type { z } from 'zod';
import { apiError } from '../../shared/api/errors';
import type {
  MergeResult,
  ReleaseResult,
  RequirementAskDoc,
  RequirementDoc,
  TellResult,
  TellKind,
  ChatChannel,
  askInputSchema,
  requirementEditableSchema,
} from '../../shared/api/requirements';
import type {
  ConfirmationStatus,
  RequirementStatus,
} from '../../shared/domain/entities/requirement';
import { RELEASE_STATUSES } from '../../shared/domain/entities/requirement';
import { newDocId, parseDocId, TEAM_ACCOUNT_ID } from '../../shared/domain/ids';
import { t, type Locale } from '../../shared/i18n';
import { enumLabel } from '../../shared/i18n/enumLabel';
import { addDays } from '../../shared/time/days';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { Change, Doc } from '../store/documentWriter';
import { assertProductRole } from './access';
import { loadRequirementDoc } from './board';

/** A "tell the customer" task is due this many days after the release. */
export const TELL_WITHIN_DAYS = 7;

type AskInput = z.output<typeof askInputSchema>;
type Editable = z.output<typeof requirementEditableSchema>;

function checkRev(doc: { _id: string; _rev?: string }, rev: string): void {
  if (doc._rev !== rev)
    throw apiError(
      'CONFLICT',
      'error.conflict',
      `stale revision of ${doc._id}`,
      { id: doc._id, currentRev: doc._rev ?? 'deleted' },
      ['rev'],
    );
}

function notMerged(doc: RequirementDoc): void {
  if (doc.mergedInto)
    throw apiError('VALIDATION', 'requirement.error.merged', `${doc._id} was merged`, {
      id: doc.mergedInto,
    });
}

/** The requirement an edit starts from: refused when `rev` is stale or it was merged away. */
function editableRequirement(ctx: BackendContext, id: string, rev: string): RequirementDoc {
  const doc = loadRequirementDoc(ctx, id);
  checkRev(doc, rev);
  notMerged(doc);
  return doc;
}

/** The next revision of a requirement (they all live on the team's account). */
function requirementRevision(doc: RequirementDoc, fields: Record<string, unknown>): Change {
  return {
    kind: 'put',
    type: 'requirement',
    accountId: TEAM_ACCOUNT_ID,
    base: doc as unknown as Doc,
    fields,
  };
}

/** The next revision of an ask (on its account). */
function askRevision(ask: RequirementAskDoc, fields: Record<string, unknown>): Change {
  return {
    kind: 'put',
    type: 'requirementAsk',
    accountId: ask.accountId,
    base: ask as unknown as Doc,
    fields,
  };
}

function loadAsk(ctx: BackendContext, id: string): RequirementAskDoc {
  const doc = ctx.queries.getDoc(id);
  if (!doc || doc.type !== 'requirementAsk')
    throw apiError('NOT_FOUND', 'requirement.error.askNotFound', `no ask ${id}`, { id }, ['askId']);
  return doc as unknown as RequirementAskDoc;
}

/** The ask's fields, its account, contact and source checked against the store. */
function askFields(
  ctx: BackendContext,
  requirementId: string,
  ask: AskInput,
  path: (string | number)[],
): Record<string, unknown> {
  const account = ctx.queries.getDoc(ask.accountId);
  if (!account || account.type !== 'account')
    throw apiError(
      'NOT_FOUND',
      'requirement.error.noAccount',
      `no account ${ask.accountId}`,
      { id: ask.accountId },
      [...path, 'accountId'],
    );
  if (ask.contactId) {
    const contact = ctx.queries.getDoc(ask.contactId);
    if (!contact || contact.type !== 'contact' || contact.accountId !== ask.accountId)
      throw apiError(
        'VALIDATION',
        'requirement.error.contactElsewhere',
        `contact ${ask.contactId} is not of ${ask.accountId}`,
        { id: ask.contactId },
        [...path, 'contactId'],
      );
  }
  if (ask.sourceId) {
    const source = ctx.queries.getDoc(ask.sourceId);
    if (!source || source.accountId !== ask.accountId || source.type !== ask.sourceType)
      throw apiError(
        'VALIDATION',
        'requirement.error.sourceElsewhere',
        `source ${ask.sourceId} is not a ${ask.sourceType} of ${ask.accountId}`,
        { id: ask.sourceId },
        [...path, 'sourceId'],
      );
  }
  const { accountId: _a, ...rest } = ask;
  return { ...rest, requirementId, askedOn: ask.askedOn ?? ctx.clock.today() };
}

export async function createRequirement(
  ctx: BackendContext,
  actor: Actor,
  input: { data: Editable; ask: AskInput },
): Promise<{ requirement: RequirementDoc; ask: RequirementAskDoc }> {
  const requirementId = newDocId('requirement', TEAM_ACCOUNT_ID);
  const fields = askFields(ctx, requirementId, input.ask, ['ask']);
  const { docs } = await ctx.writer.commit(actor, {
    changes: [
      {
        kind: 'put',
        type: 'requirement',
        accountId: TEAM_ACCOUNT_ID,
        id: requirementId,
        fields: { ...input.data, status: 'collected' },
      },
      { kind: 'put', type: 'requirementAsk', accountId: input.ask.accountId, fields },
    ],
    path: ['data'],
    timeline: 'created',
    timelineEach: true,
  });
  return {
    requirement: docs[0] as unknown as RequirementDoc,
    ask: docs[1] as unknown as RequirementAskDoc,
  };
}

export async function addAsk(
  ctx: BackendContext,
  actor: Actor,
  input: { requirementId: string; ask: AskInput },
): Promise<RequirementAskDoc> {
  const requirement = loadRequirementDoc(ctx, input.requirementId);
  notMerged(requirement);
  const already = ctx.queries.requirements
    .asksOf(input.requirementId)
    .find((a) => a.account_id === input.ask.accountId);
  if (already)
    throw apiError(
      'VALIDATION',
      'requirement.error.alreadyAsked',
      `${input.ask.accountId} already asked for ${input.requirementId}`,
      { id: already.id },
      ['ask', 'accountId'],
    );
  const fields = askFields(ctx, input.requirementId, input.ask, ['ask']);
  const { docs } = await ctx.writer.commit(actor, {
    changes: [{ kind: 'put', type: 'requirementAsk', accountId: input.ask.accountId, fields }],
    path: ['ask'],
    timeline: 'created',
  });
  return docs[0] as unknown as RequirementAskDoc;
}

function withChanges(
  base: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

export async function updateAsk(
  ctx: BackendContext,
  actor: Actor,
  input: { id: string; rev: string; changes: Record<string, unknown> },
): Promise<RequirementAskDoc> {
  const ask = loadAsk(ctx, input.id);
  checkRev(ask, input.rev);
  const next = withChanges(ask as unknown as Record<string, unknown>, input.changes);
  if (typeof next.contactId === 'string') {
    const contact = ctx.queries.getDoc(next.contactId);
    if (!contact || contact.type !== 'contact' || contact.accountId !== ask.accountId)
      throw apiError(
        'VALIDATION',
        'requirement.error.contactElsewhere',
        `contact ${String(next.contactId)} is not of ${ask.accountId}`,
        { id: String(next.contactId) },
        ['changes', 'contactId'],
      );
  }
  const { docs } = await ctx.writer.commit(actor, {
    changes: [askRevision(ask, next)],
    path: ['changes'],
    timeline: 'updated',
    skipUnchanged: true,
  });
  return docs[0] as unknown as RequirementAskDoc;
}

export async function updateRequirement(
  ctx: BackendContext,
  actor: Actor,
  input: { id: string; rev: string; changes: Partial<Editable> },
): Promise<RequirementDoc> {
  const doc = editableRequirement(ctx, input.id, input.rev);
  const { docs } = await ctx.writer.commit(actor, {
    changes: [
      requirementRevision(
        doc,
        withChanges(doc as unknown as Record<string, unknown>, input.changes),
      ),
    ],
    path: ['changes'],
    timeline: 'updated',
    skipUnchanged: true,
  });
  return docs[0] as unknown as RequirementDoc;
}

/** What a "tell the customer" task stands for: the requirement, and the ask to tell. */
const tellOrigin = (requirementId: string, askId: string) => ({
  kind: 'requirementTell' as const,
  requirementId,
  askId,
});

/**
 * The write of a "tell the customer" task on its account, made on release, closed on telling,
 * moved on a merge: a new task under `id`, or the next revision of `base`.
 */
function tellTaskChange(
  accountId: string,
  fields: Record<string, unknown>,
  target: { id: string } | { base: Doc },
): Change {
  return { kind: 'put', type: 'task', accountId, ...target, fields };
}

const statusLabel = (locale: Locale, s: RequirementStatus) =>
  enumLabel((k) => t(locale, k), 'requirementStatus', s);

/**
 * Moves a requirement along the loop (manager or product only). Released: the day is recorded
 * and every asking account not yet told gets a "tell the customer" task for its CSM, in the same
 * write. Customers told: only once every ask is told.
 */
export async function setStatus(
  ctx: BackendContext,
  actor: Actor,
  input: {
    id: string;
    rev: string;
    status: RequirementStatus;
    release?: string;
    declineReason?: string;
    locale: Locale;
  },
): Promise<ReleaseResult> {
  assertProductRole(ctx, actor);
  const doc = editableRequirement(ctx, input.id, input.rev);
  const today = ctx.clock.today();
  const asks = ctx.queries.requirements.asksOf(input.id);
  if (input.status === 'customersTold') {
    const pending = asks.filter((a) => !a.told_on).length;
    if (doc.status !== 'released' && doc.status !== 'customersTold')
      throw apiError(
        'VALIDATION',
        'requirement.error.transition',
        `${doc.status} -> customersTold`,
        {
          from: statusLabel(input.locale, doc.status),
          to: statusLabel(input.locale, input.status),
        },
        ['status'],
      );
    if (pending > 0)
      throw apiError(
        'VALIDATION',
        'requirement.error.toldPending',
        `${pending} asks not told`,
        { count: pending },
        ['status'],
      );
  }
  const fields: Record<string, unknown> = { ...doc, status: input.status };
  if (input.release !== undefined) fields.release = input.release;
  if (input.status === 'declined') {
    if (input.declineReason !== undefined) fields.declineReason = input.declineReason;
  } else {
    delete fields.declineReason;
  }
  if (!RELEASE_STATUSES.includes(input.status)) delete fields.release;
  const releasing = input.status === 'released' && doc.status !== 'released';
  if (releasing) fields.releasedOn = today;
  if (input.status !== 'released' && input.status !== 'customersTold') delete fields.releasedOn;

  const changes: Change[] = [requirementRevision(doc, fields)];
  const taskIds: string[] = [];
  if (releasing) {
    const tasks = ctx.queries.requirements.openTellTasks(input.id);
    const seen = new Set<string>();
    for (const a of asks) {
      if (a.told_on || tasks.has(a.id) || seen.has(a.account_id)) continue;
      seen.add(a.account_id);
      const id = newDocId('task', a.account_id);
      taskIds.push(id);
      changes.push(
        tellTaskChange(
          a.account_id,
          {
            title: t(input.locale, 'requirement.task.tell', {
              title: doc.title,
              release: String(fields.release ?? ''),
            }).slice(0, 500),
            owner: a.owner_csm ?? actor.login,
            dueDate: addDays(today, TELL_WITHIN_DAYS),
            done: false,
            origin: tellOrigin(doc._id, a.id),
          },
          { id },
        ),
      );
    }
  }
  const { docs } = await ctx.writer.commit(actor, {
    changes,
    path: [],
    timeline: 'updated',
    timelineEach: true,
  });
  return { requirement: docs[0] as unknown as RequirementDoc, tasksCreated: taskIds };
}

export async function setSolution(
  ctx: BackendContext,
  actor: Actor,
  input: { id: string; rev: string; solution: string },
): Promise<RequirementDoc> {
  assertProductRole(ctx, actor);
  const doc = editableRequirement(ctx, input.id, input.rev);
  const { docs } = await ctx.writer.commit(actor, {
    changes: [requirementRevision(doc, { ...doc, solution: input.solution })],
    timeline: 'updated',
    skipUnchanged: true,
  });
  return docs[0] as unknown as RequirementDoc;
}

/** The customer's answer to the proposed solution, recorded on their ask. */
export async function confirmSolution(
  ctx: BackendContext,
  actor: Actor,
  input: { askId: string; rev: string; status: ConfirmationStatus; note?: string },
): Promise<RequirementAskDoc> {
  const ask = loadAsk(ctx, input.askId);
  checkRev(ask, input.rev);
  const requirement = loadRequirementDoc(ctx, ask.requirementId);
  if (!requirement.solution && input.status !== 'pending')
    throw apiError('VALIDATION', 'requirement.error.noSolution', 'no solution to confirm', {}, [
      'status',
    ]);
  const { docs } = await ctx.writer.commit(actor, {
    changes: [
      askRevision(ask, {
        ...ask,
        confirmation: {
          status: input.status,
          ...(input.note ? { note: input.note } : {}),
          on: ctx.clock.today(),
          by: actor.login,
        },
      }),
    ],
    timeline: 'updated',
  });
  return docs[0] as unknown as RequirementAskDoc;
}

/**
 * Tells one asking customer the requirement shipped: a touchpoint on the account, the day on the
 * ask, the "tell the customer" task closed, in one write on that account.
 */
export async function tellCustomer(
  ctx: BackendContext,
  actor: Actor,
  input: {
    askId: string;
    kind: TellKind;
    channel?: ChatChannel;
    notes?: string;
    date?: string;
    locale: Locale;
  },
): Promise<TellResult> {
  if (input.channel && input.kind !== 'chat')
    throw apiError('VALIDATION', 'requirement.error.channelNotChat', 'a channel is for chats', {}, [
      'channel',
    ]);
  const ask = loadAsk(ctx, input.askId);
  const requirement = loadRequirementDoc(ctx, ask.requirementId);
  if (requirement.status !== 'released' && requirement.status !== 'customersTold')
    throw apiError('VALIDATION', 'requirement.error.notReleased', 'not released yet', {}, [
      'askId',
    ]);
  if (ask.toldOn)
    throw apiError(
      'VALIDATION',
      'requirement.error.alreadyTold',
      'already told',
      { on: ask.toldOn },
      ['askId'],
    );
  const day = input.date ?? ctx.clock.today();
  const contact = ask.contactId ? ctx.queries.getDoc(ask.contactId) : null;
  const touchpointId = newDocId('touchpoint', ask.accountId);
  const changes: Change[] = [
    {
      kind: 'put',
      type: 'touchpoint',
      accountId: ask.accountId,
      id: touchpointId,
      fields: {
        kind: input.kind,
        ...(input.kind === 'chat' && input.channel ? { channel: input.channel } : {}),
        date: day,
        subject: t(input.locale, 'requirement.touchpoint.tell', {
          title: requirement.title,
          release: requirement.release ?? '',
        }).slice(0, 500),
        ...(input.notes ? { notes: input.notes } : {}),
        contacts: contact && typeof contact.name === 'string' ? [contact.name] : [],
      },
    },
    askRevision(ask, { ...ask, toldOn: day, toldTouchpointId: touchpointId }),
  ];
  const task = ctx.queries.requirements.tellTask(ask.accountId, ask._id);
  if (task)
    changes.push(
      tellTaskChange(ask.accountId, { ...task, done: true, doneOn: day }, { base: task as Doc }),
    );
  const { docs } = await ctx.writer.commit(actor, {
    changes,
    timeline: 'created',
  });
  const pending = ctx.queries.requirements
    .asksOf(requirement._id)
    .filter((a) => !a.told_on && a.id !== ask._id).length;
  return {
    ask: docs[1] as unknown as RequirementAskDoc,
    touchpointId,
    ...(task ? { taskClosed: String(task._id) } : {}),
    allTold: pending === 0,
  };
}

/**
 * Merges a duplicate into the requirement it repeats: every ask moves (none dropped, even when
 * an account asked for both), open "tell the customer" tasks follow, and the duplicate keeps
 * its text with `mergedInto` set, so nothing is lost.
 */
export async function mergeRequirements(
  ctx: BackendContext,
  actor: Actor,
  input: { fromId: string; intoId: string },
): Promise<MergeResult> {
  if (input.fromId === input.intoId)
    throw apiError('VALIDATION', 'requirement.error.mergeSelf', 'merge into itself', {}, [
      'intoId',
    ]);
  const from = loadRequirementDoc(ctx, input.fromId);
  const into = loadRequirementDoc(ctx, input.intoId);
  notMerged(from);
  notMerged(into);
  const q = ctx.queries.requirements;
  const asks = q.asksOf(from._id);
  const changes: Change[] = [requirementRevision(from, { ...from, mergedInto: into._id })];
  for (const a of asks) {
    const doc = ctx.queries.getDoc(a.id);
    if (!doc) continue;
    changes.push({
      kind: 'put',
      type: 'requirementAsk',
      accountId: a.account_id,
      base: doc as Doc,
      fields: { ...doc, requirementId: into._id },
    });
  }
  for (const [askId, taskId] of q.openTellTasks(from._id)) {
    const task = ctx.queries.getDoc(taskId);
    if (!task) continue;
    changes.push(
      tellTaskChange(
        String(parseDocId(taskId)?.accountId ?? task.accountId),
        { ...task, origin: tellOrigin(into._id, askId) },
        { base: task as Doc },
      ),
    );
  }
  const { docs } = await ctx.writer.commit(actor, {
    changes,
    timeline: 'merged',
    timelineEach: true,
  });
  return {
    from: docs[0] as unknown as RequirementDoc,
    into: loadRequirementDoc(ctx, into._id),
    movedAsks: asks.length,
  };
}
