import type { MessageKey } from '..';

export const sync = {} satisfies Partial<Record<MessageKey, string>>;
