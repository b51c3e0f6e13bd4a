// Health, alerts, portfolio (issue 5).
import type { Handler } from '../context';

export const healthHandlers: Record<string, Handler> = {};
