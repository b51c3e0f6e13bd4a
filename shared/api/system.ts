// The store's own methods: what it holds and whether it is sound. Apart from the data's methods
// so that a host asking only these (`csm info`, a status check) needs no entity schema: dispatch
// resolves them without the rest of the contract (main/api/dispatch.ts).
import { z } from 'zod';
import type { MethodSpec } from './spec';

export const systemContract: Record<
  'system.info' | 'store.status' | 'store.repair' | 'index.rebuild',
  MethodSpec
> = {
  'system.info': { input: z.strictObject({}), access: 'read' },
  'store.status': { input: z.strictObject({}), access: 'read' },
  'store.repair': {
    // A backup file (parsed JSON) to recover what neither LevelDB nor the local index kept.
    input: z.strictObject({ backup: z.unknown().optional() }),
    access: 'write',
  },
  'index.rebuild': { input: z.strictObject({}), access: 'write' },
};
