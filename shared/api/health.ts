// Health, alerts, risk and the portfolio (issue 5).
import type { MethodSpec } from './spec';

export const healthContract: Record<string, MethodSpec> = {};

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type HealthMethods = {};
