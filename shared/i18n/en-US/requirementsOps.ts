import type { requirementsOps as zh } from '../zh-CN/requirementsOps';

export const requirementsOps: Record<keyof typeof zh, string> = {
  'directory.role.product': 'Product manager',
};
