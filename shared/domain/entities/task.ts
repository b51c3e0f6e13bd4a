// Tasks: the to-dos of a CSM's day. Action items live inside their source document (a visit's
// action items, a risk case's action plan, a success plan's milestones); a task of its own is a
// `task` document. All share the same life: done, reassigned, rescheduled, commented.
import { z } from 'zod';
import { docIdSchema, isoDate, isoDateTime, optionalText, shortText, userName } from '../common';

/** A comment on a task: who wrote what, when. */
export const taskCommentSchema = z.strictObject({
  at: isoDateTime,
  by: userName,
  text: z.string().trim().min(1).max(2000),
});
export type TaskComment = z.output<typeof taskCommentSchema>;

/**
 * Optional, not defaulted: documents written before tasks had comments (or loaded raw, like the
 * demo data) stay valid for the team server's structure check, which requires defaulted fields.
 */
export const taskComments = z.array(taskCommentSchema).max(200).optional();

/** A task of its own, not part of a visit, risk plan or milestone list. */
export const taskFields = z.strictObject({
  title: shortText,
  owner: shortText,
  dueDate: isoDate,
  notes: optionalText,
  done: z.boolean().default(false),
  doneOn: isoDate.optional(),
  comments: taskComments,
  /** The loop that made it: a released requirement's "tell the customer" for one ask. */
  origin: z
    .strictObject({
      kind: z.literal('requirementTell'),
      requirementId: docIdSchema,
      askId: docIdSchema,
    })
    .optional(),
});
