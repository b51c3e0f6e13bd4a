// Health, alerts, portfolio (issue 5).
import type { Command } from './command';

export const healthCommands: Record<string, Command> = {};
