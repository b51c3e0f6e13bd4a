// Every `csm` command, by area. A name may be defined once.
import type { Command } from './command';
import { coreCommands } from './core';
import { deliverablesCommands } from './deliverables';
import { healthCommands } from './health';
import { syncCommands } from './sync';

function merge(...tables: Record<string, Command>[]): Record<string, Command> {
  const all: Record<string, Command> = {};
  for (const table of tables) {
    for (const [name, command] of Object.entries(table)) {
      if (all[name]) throw new Error(`csm command ${name} defined twice`);
      all[name] = command;
    }
  }
  return all;
}

export const commands = merge(coreCommands, deliverablesCommands, syncCommands, healthCommands);
export type { Command };
