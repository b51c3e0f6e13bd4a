// What the desktop app needs beyond the entities (issue 6): Today, settings.
import type { MethodSpec } from './spec';

export const appContract: Record<string, MethodSpec> = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type AppMethods = {};
