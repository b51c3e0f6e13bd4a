import type { MessageKey } from '..';

export const ui = {} satisfies Partial<Record<MessageKey, string>>;
