// The store's own methods: what it holds and whether it is sound. Apart from the data's methods
// so that a host asking only these (`csm info`, a status check) needs no entity schema: dispatch
// resolves them without the rest of the contract (main/api/dispatch.ts).
import { z } from 'zod';
import type { MethodSpec } from './spec';

type SystemMethod = 'system.info' | 'store.status' | 'store.repair' | 'index.rebuild';

/** A spec whose input schema is built on first use (and kept): a call with no input needs none. */
function lazySpec(access: MethodSpec['access'], build: () => z.ZodType): MethodSpec {
  let input: z.ZodType | undefined;
  return {
    access,
    get input() {
      return (input ??= build());
    },
  };
}

export const systemContract: Record<SystemMethod, MethodSpec> = {
  'system.info': lazySpec('read', () => z.strictObject({})),
  'store.status': lazySpec('read', () => z.strictObject({})),
  // A backup file (parsed JSON) to recover what neither LevelDB nor the local index kept.
  'store.repair': lazySpec('write', () => z.strictObject({ backup: z.unknown().optional() })),
  'index.rebuild': lazySpec('write', () => z.strictObject({})),
};

/** The store methods whose input is the empty object: `{}` or none is all they accept. */
export const WITHOUT_INPUT: ReadonlySet<string> = new Set<SystemMethod>([
  'system.info',
  'store.status',
  'index.rebuild',
]);

/**
 * Whether `input` is no input at all (absent, or a plain object without keys): for a method of
 * WITHOUT_INPUT that is valid as it is, and its parse would give `{}`. Anything else is parsed.
 */
export function isNoInput(input: unknown): boolean {
  if (input === undefined || input === null) return true;
  return (
    typeof input === 'object' &&
    Object.getPrototypeOf(input) === Object.prototype &&
    Reflect.ownKeys(input).length === 0
  );
}
