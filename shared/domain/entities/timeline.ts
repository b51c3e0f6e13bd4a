import { z } from 'zod';
import { isoDateTime, optionalText, userName } from '../common';

/** One entry per change on an account: who, when, what changed. Written by the backend only. */
export const timelineFields = z.strictObject({
  at: isoDateTime,
  by: userName,
  action: z.enum(['created', 'updated', 'deleted', 'merged', 'imported']),
  targetId: z.string(),
  targetType: z.string(),
  targetTitle: optionalText,
  changes: z
    .array(
      z.strictObject({
        field: z.string(),
        from: z.string().max(200).optional(),
        to: z.string().max(200).optional(),
      }),
    )
    .max(100)
    .default([]),
});
