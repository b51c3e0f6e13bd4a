// zh-CN is the reference locale: its keys define MessageKey.
import { errors } from './errors';

export const zhCN = { ...errors } as const;
