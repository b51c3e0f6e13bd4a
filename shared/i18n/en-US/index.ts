import type { MessageKey } from '..';
import { errors } from './errors';

export const enUS: Record<MessageKey, string> = { ...errors };
