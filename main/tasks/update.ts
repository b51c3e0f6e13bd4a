// A task's life, whatever document holds it: done (and undone), reassigned to a team member,
// rescheduled, commented. The change is saved on the holding document (a visit's action items,
// a risk plan, a success plan's milestones, or the task document itself) through the one writer,
// so the schemas' due-date rules apply and the timeline records it; errors come back at the
// task's own field (`dueDate`, `owner`), not at `actionItems.3.dueDate`.
import { ApiFailure, apiError } from '../../shared/api/errors';
import { teamMemberId } from '../../shared/domain/entities/teamMember';
import { TASK_LISTS, taskSourceOf } from '../../shared/rules/tasks';
import type { BackendContext } from '../api/context';
import { loadDoc } from '../api/handlers/entities';
import type { Actor } from '../api/identity';
import { rescoreAfterWrite } from '../health/rescore';
import { fieldsOf } from '../store/documentWriter';

export interface TaskUpdate {
  id: string;
  key: string;
  rev: string;
  done?: boolean;
  owner?: string;
  dueDate?: string;
  comment?: string;
}

export async function updateTask(
  ctx: BackendContext,
  input: TaskUpdate,
  actor: Actor,
): Promise<{ id: string; rev: string }> {
  const doc = loadDoc(ctx, input.id);
  const source = taskSourceOf(doc.type);
  if (!source)
    throw apiError('VALIDATION', 'tasks.notATask', `${input.id} holds no tasks`, {}, ['id']);
  if (doc._rev !== input.rev) {
    throw apiError(
      'CONFLICT',
      'error.conflict',
      `stale revision of ${input.id}`,
      { id: input.id, currentRev: String(doc._rev) },
      ['rev'],
    );
  }
  if (input.owner !== undefined) {
    const member = ctx.queries.getDoc(teamMemberId(input.owner));
    if (!member || member.type !== 'teamMember' || member.active === false)
      throw apiError(
        'VALIDATION',
        'tasks.ownerUnknown',
        `${input.owner} is not an active member of the team`,
        { owner: input.owner },
        ['owner'],
      );
  }
  const { list } = TASK_LISTS[source];
  const fields = fieldsOf(doc);
  const items = list ? ((fields[list] as Record<string, unknown>[] | undefined) ?? []) : null;
  const index = items ? items.findIndex((i) => i.key === input.key) : -1;
  if (items && index < 0)
    throw apiError(
      'NOT_FOUND',
      'tasks.itemNotFound',
      `no task ${input.key} in ${input.id}`,
      {
        id: input.id,
      },
      ['key'],
    );
  const item = { ...(items ? items[index] : fields) };
  const today = ctx.clock.today();
  if (input.done !== undefined) {
    item.done = input.done;
    if (input.done) item.doneOn = today;
    else delete item.doneOn;
  }
  if (input.owner !== undefined) item.owner = input.owner;
  if (input.dueDate !== undefined) item.dueDate = input.dueDate;
  if (input.comment !== undefined)
    item.comments = [
      ...((item.comments as unknown[] | undefined) ?? []),
      { at: ctx.now().toISOString(), by: actor.login, text: input.comment },
    ];
  const next = items ? { ...fields, [list!]: items.map((x, i) => (i === index ? item : x)) } : item;
  let written;
  try {
    ({
      docs: [written],
    } = await ctx.writer.commit(actor, {
      changes: [
        { kind: 'put', type: doc.type as never, accountId: doc.accountId, base: doc, fields: next },
      ],
      timeline: 'updated',
    }));
  } catch (error) {
    throw list ? atTaskField(error, list, index) : error;
  }
  await rescoreAfterWrite(ctx, actor, doc.type, doc.accountId, { before: doc, after: written });
  return { id: written._id, rev: String(written._rev) };
}

/** Errors at `<list>.<index>.<field>` renamed to `<field>`, the task's own field. */
function atTaskField(error: unknown, list: string, index: number): unknown {
  if (!(error instanceof ApiFailure)) return error;
  return new ApiFailure(
    error.errors.map((e) =>
      e.path[0] === list && e.path[1] === index ? { ...e, path: e.path.slice(2) } : e,
    ),
  );
}
