// Deliverables (issue 3).
import type { Handler } from '../context';

export const deliverablesHandlers: Record<string, Handler> = {};
