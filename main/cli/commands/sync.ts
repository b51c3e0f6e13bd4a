// Sync (issue 4): server init/add-user/assign, sync.
import type { Command } from './command';

export const syncCommands: Record<string, Command> = {};
