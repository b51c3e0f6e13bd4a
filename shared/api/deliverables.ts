// Deliverables (issue 3): documents and Excel import.
import type { MethodSpec } from './spec';

export const deliverablesContract: Record<string, MethodSpec> = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type DeliverablesMethods = {};
