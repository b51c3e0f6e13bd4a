// Sync (issue 4).
import type { Handler } from '../context';

export const syncHandlers: Record<string, Handler> = {};
