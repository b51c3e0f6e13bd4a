// The CLI on a data folder another process holds (the app, browser mode or another CLI): one
// line naming the folder and exit 1, instead of LevelDB's "IO error: lock .../LOCK".
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { removeDir, tempDir } from '../../helpers/tempBackend';

jest.setTimeout(60_000);

const exec = promisify(execFile);
const root = path.resolve(__dirname, '..', '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const HOLDER = `
const { Backend } = require(${JSON.stringify(path.join(root, 'main', 'backend.ts'))});
Backend.open({ dataDir: process.argv[1], user: 'holder' }).then((backend) => {
  process.stdout.write('holding\\n');
  process.stdin.on('end', () => backend.close().then(() => process.exit(0)));
  process.stdin.resume();
});
`;

let dir: string;
let holder: ChildProcess;

beforeAll(async () => {
  dir = tempDir('csm-lock');
  holder = spawn(process.execPath, [tsx, '-e', HOLDER, dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('holding')) resolve();
    });
    holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
});

afterAll(async () => {
  if (holder.exitCode === null) {
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.stdin!.end();
    await exited;
  }
  removeDir(dir);
});

it('says the data folder is in use, in one line, and exits 1', async () => {
  const run = exec(process.execPath, [
    tsx,
    path.join(root, 'main', 'cli', 'csm.ts'),
    'info',
    '--data-dir',
    dir,
  ]);
  const failure = await run.then(
    () => null,
    (error: { code: number; stderr: string; stdout: string }) => error,
  );
  expect(failure).not.toBeNull();
  expect(failure!.code).toBe(1);
  expect(failure!.stderr.trim().split('\n')).toEqual([
    `error: the data folder ${dir} is in use by another CSM Workbench process (the app or a CLI); close it and try again`,
  ]);
  expect(failure!.stdout).toBe('');
});

it('opens the folder once the other process has closed it', async () => {
  const exited = new Promise((resolve) => holder.once('exit', resolve));
  holder.stdin!.end();
  await exited;
  const { stdout } = await exec(process.execPath, [
    tsx,
    path.join(root, 'main', 'cli', 'csm.ts'),
    'info',
    '--data-dir',
    dir,
    '--json',
  ]);
  expect(JSON.parse(stdout)).toMatchObject({ dataDir: dir, docCount: 0 });
});
