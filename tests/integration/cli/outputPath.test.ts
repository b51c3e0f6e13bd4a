// Output paths the CLI refuses at once (exit 2, one line) instead of spinning or writing where
// nothing belongs: kernel folders, a folder that does not exist, one that is read-only, and
// anything that is not a regular file. Every writer of output files goes through the same check.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../main/cli/csm';
import { removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..', '..');
let dir: string;
let dataDir: string;

beforeAll(() => {
  dir = tempDir('out-path');
  dataDir = path.join(dir, 'data');
});
afterAll(() => removeDir(dir));

async function csm(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  const code = await runCli([...args, '--data-dir', dataDir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, ms: performance.now() - started, out: out.join('\n'), err: err.join('\n') };
}

/** Every command that writes a file, pointed at `target`. */
const writers = (target: string): string[][] => [
  ['generate', 'acceptance', '--account', 'account:01K00000000000000000000000', '--out', target],
  ['generate', 'review', '--account', 'account:01K00000000000000000000000', '--out', target],
  ['portfolio', '--xlsx', target],
  ['export', target],
];

describe('output paths', () => {
  it('refuses /proc, /sys and /dev within a second, whichever command writes', async () => {
    for (const target of ['/proc/x/y.xlsx', '/proc/self/y.docx', '/sys/y.xlsx', '/dev/null']) {
      for (const argv of writers(target)) {
        const r = await csm(...argv);
        expect([argv.join(' '), r.code]).toEqual([argv.join(' '), 2]);
        expect(r.err).toMatch(/system (folder|file)/);
        expect(r.ms).toBeLessThan(1000);
      }
    }
    const batch = await csm(
      'generate-batch',
      'acceptance',
      '--tier',
      'micro',
      '--out-dir',
      '/proc/x',
    );
    expect(batch.code).toBe(2);
    expect(batch.ms).toBeLessThan(1000);
    // Nothing was opened: the data folder was never created.
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('follows a symbolic link to its real folder before deciding', async () => {
    const link = path.join(dir, 'kernel');
    fs.symlinkSync('/proc/self', link);
    const r = await csm('export', path.join(link, 'backup.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/system folder/);
  });

  it('refuses a missing folder without creating it', async () => {
    const missing = path.join(dir, 'missing', 'deeper');
    for (const argv of writers(path.join(missing, 'y.xlsx'))) {
      const r = await csm(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`the folder ${missing} does not exist`);
      expect(r.ms).toBeLessThan(1000);
    }
    const batch = await csm(
      'generate-batch',
      'acceptance',
      '--tier',
      'micro',
      '--out-dir',
      missing,
    );
    expect(batch.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('refuses a folder, a FIFO and a name under a file, which are no output files', async () => {
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const file = path.join(dir, 'plain.txt');
    fs.writeFileSync(file, 'x');
    for (const [target, why] of [
      [folder, 'not a regular file'],
      [fifo, 'not a regular file'],
      [path.join(file, 'y.xlsx'), 'not a folder'],
    ]) {
      const r = await csm('export', target);
      expect([target, r.code]).toEqual([target, 2]);
      expect(r.err).toContain(why);
      expect(r.ms).toBeLessThan(1000);
    }
  });

  it('refuses a read-only folder (as an ordinary user: root may write anywhere)', async () => {
    const readOnly = path.join(dir, 'read-only');
    fs.mkdirSync(readOnly);
    fs.chmodSync(readOnly, 0o555);
    fs.chmodSync(dir, 0o755);
    // Run as the user `nobody` when the tests run as root, since root ignores permissions.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'main/cli/csm.ts', 'export', path.join(readOnly, 'backup.json')],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], ...asUser },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(`the folder ${readOnly} is not writable`);
    // A whole process (tsx compiling the CLI) on a shared machine: bounded, not instant.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });

  it('writes where it may: a new file in an existing folder, and over a regular file', async () => {
    const target = path.join(dir, 'backup.json');
    expect((await csm('export', target)).code).toBe(0);
    expect((await csm('export', target)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toHaveProperty('docs');
  });
});
