// Sync with the team server (issue 4).
import type { MethodSpec } from './spec';

export const syncContract: Record<string, MethodSpec> = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type SyncMethods = {};
