// Where the CLI may write a file: checked before any work starts, so a bad `--out` is refused at
// once with a clear line (exit 2). Deny by default: the folder must already exist and be one we
// can write, the file must be new or a regular file, and kernel folders (/proc, /sys, /dev) are
// never written. No folder is created on the way: `mkdir -p` under /proc never finishes.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './args';

const KERNEL_FOLDERS = ['/proc', '/sys', '/dev'];

function inKernelFolder(file: string): boolean {
  return KERNEL_FOLDERS.some((root) => file === root || file.startsWith(`${root}/`));
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function refuse(option: string, file: string, why: string): never {
  throw new UsageError(`${option} ${file}: ${why}`);
}

/** The folder exists, is a directory, is no kernel folder and is writable; its real path. */
function writableFolder(folder: string, option: string, file: string): string {
  let real: string;
  try {
    real = fs.realpathSync(folder);
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') refuse(option, file, `the folder ${folder} does not exist`);
    refuse(option, file, `cannot open the folder ${folder} (${code})`);
  }
  if (inKernelFolder(real)) refuse(option, file, `${real} is a system folder, not for files`);
  if (!fs.statSync(real).isDirectory()) refuse(option, file, `${folder} is not a folder`);
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    refuse(option, file, `the folder ${folder} is not writable`);
  }
  return real;
}

/**
 * Checks that `file` can be written as an output file and returns its absolute path; throws a
 * UsageError saying why not. `option` names the flag in the message (e.g. `--out`).
 */
export function checkOutputFile(file: string, option = '--out'): string {
  if (!file) refuse(option, '""', 'no file name');
  const absolute = path.resolve(file);
  if (inKernelFolder(absolute)) refuse(option, file, 'a system folder, not for files');
  const folder = writableFolder(path.dirname(absolute), option, file);
  const target = path.join(folder, path.basename(absolute));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return target;
    refuse(option, file, `cannot check it (${errnoOf(error)})`);
  }
  if (!stat.isFile()) refuse(option, file, 'exists and is not a regular file');
  // A symbolic link to a file elsewhere must lead to a writable place too.
  const real = fs.realpathSync(target);
  if (inKernelFolder(real)) refuse(option, file, `${real} is a system file`);
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    refuse(option, file, 'exists and is not writable');
  }
  return target;
}

/**
 * An output folder (`--out-dir`): an existing writable folder, or a new one whose parent exists
 * and is writable (created here, one level only). Returns its absolute path.
 */
export function prepareOutputFolder(
  folder: string,
  option = '--out-dir',
  { create = true }: { create?: boolean } = {},
): string {
  const absolute = path.resolve(folder);
  if (inKernelFolder(absolute)) refuse(option, folder, 'a system folder, not for files');
  if (fs.existsSync(absolute)) return writableFolder(absolute, option, folder);
  const parent = writableFolder(path.dirname(absolute), option, folder);
  const created = path.join(parent, path.basename(absolute));
  // A check only (before the data is opened): the folder is made once there is work for it.
  if (!create) return created;
  try {
    fs.mkdirSync(created);
  } catch (error) {
    refuse(option, folder, `cannot create it (${errnoOf(error)})`);
  }
  return created;
}

/** A file inside a checked output folder, named by data: one plain name, no path in it. */
export function outputFileIn(folder: string, name: string): string {
  if (!name || name !== path.basename(name) || name === '.' || name === '..') {
    throw new Error(`refusing to write "${name}": not a plain file name`);
  }
  return checkOutputFile(path.join(folder, name), 'output file');
}

/** Writes an output file checked by checkOutputFile (the check runs again: time has passed). */
export function writeOutputFile(file: string, data: Uint8Array | string, option = '--out'): void {
  fs.writeFileSync(checkOutputFile(file, option), data);
}
