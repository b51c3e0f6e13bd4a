// Deliverables (issue 3): generate, import-xlsx.
import type { Command } from './command';

export const deliverablesCommands: Record<string, Command> = {};
