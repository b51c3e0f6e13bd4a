import type { z } from 'zod';

export type Access = 'read' | 'write';

/** A method of the API: the zod schema its input must pass, and whether it writes. */
export interface MethodSpec {
  input: z.ZodType;
  access: Access;
}
