import type { MessageKey } from '..';

export const deliverables = {} satisfies Partial<Record<MessageKey, string>>;
