import type { OptionSpec, ParsedArgs } from '../args';
import type { Output } from '../output';

/** One `csm` subcommand: its usage line, its options and what it does. */
export interface Command {
  usage: string;
  options: OptionSpec;
  run(args: ParsedArgs, o: Output): Promise<void>;
}
