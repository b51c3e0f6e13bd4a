// Every `csm` command, by area. A name may be defined once.
import { mergeUnique } from '../../../shared/util/mergeUnique';
import { attachmentsCommands } from './attachments';
import type { Command } from './command';
import { coreCommands } from './core';
import { deliverablesCommands } from './deliverables';
import { healthCommands } from './health';
import { syncCommands } from './sync';

export const commands = mergeUnique<Command>(
  'csm command',
  coreCommands,
  deliverablesCommands,
  syncCommands,
  healthCommands,
  attachmentsCommands,
);
export type { Command };
