// Today and settings for the desktop app (issue 6).
import type { Handler } from '../context';

export const appHandlers: Record<string, Handler> = {};
