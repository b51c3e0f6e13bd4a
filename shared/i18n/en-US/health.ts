import type { MessageKey } from '..';

export const health = {} satisfies Partial<Record<MessageKey, string>>;
