// Every `csm` command, by area. A name may be defined once.
import { mergeUnique } from '../../../shared/util/mergeUnique';
import { calendarCommands } from './calendar';
import { attachmentsCommands } from './attachments';
import type { Command } from './command';
import { coreCommands } from './core';
import { deliverablesCommands } from './deliverables';
import { healthCommands } from './health';
import { requirementCommands } from './requirements';
import { syncCommands } from './sync';

export const commands = mergeUnique<Command>(
  'csm command',
  coreCommands,
  deliverablesCommands,
  syncCommands,
  healthCommands,
  calendarCommands,
  requirementCommands,
  attachmentsCommands,
);
export type { Command };
