// How the CLI prints: JSON for scripts, short readable lines for people, errors as one line.
import { ApiFailure, type ApiError } from '../../shared/api/errors';
import { UsageError } from './args';

export interface Output {
  json: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
}

export function print(o: Output, data: unknown, human: () => string[]): void {
  if (o.json) o.out(JSON.stringify(data, null, 2));
  else for (const line of human()) o.out(line);
}

function describe(e: ApiError): string {
  return `${e.code}${e.path.length ? ` at ${e.path.join('.')}` : ''}: ${e.message}`;
}

/** Exit code: 2 for bad usage or input, 1 for failures. */
export function reportError(o: Output, error: unknown): number {
  if (error instanceof UsageError) {
    o.err(`error: ${error.message} (see csm --help)`);
    return 2;
  }
  if (error instanceof ApiFailure) {
    const first = error.errors[0];
    const more = error.errors.length > 1 ? ` (+${error.errors.length - 1} more)` : '';
    if (o.json) o.err(JSON.stringify({ ok: false, errors: error.errors }));
    else o.err(`error: ${describe(first)}${more}`);
    return first.code === 'INTERNAL' || first.code === 'UNAVAILABLE' ? 1 : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  o.err(`error: ${message.split('\n')[0]}`);
  return 1;
}

/** A progress line that rewrites itself on a terminal and prints sparsely otherwise. */
export function progressPrinter(o: Output, label: string): (done: number, total: number) => void {
  let lastShown = -1;
  return (done, total) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent === lastShown || (percent % 10 !== 0 && !process.stderr.isTTY)) return;
    lastShown = percent;
    o.err(`${label}: ${done}/${total} (${percent}%)`);
  };
}
