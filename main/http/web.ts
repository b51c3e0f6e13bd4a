#!/usr/bin/env node
// `npm run web -- [--data-dir DIR] [--port P] [--user NAME]`: the app in a browser, no Electron.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { clockFromEnv, type Clock } from '../../shared/time/clock';
import { defaultDataDir } from '../paths';
import { WorkerBackend } from '../worker/workerBackend';
import { ensureRenderer } from './rendererBuild';
import { startWebServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      user: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be 0..65535, got ${values.port}`);
    process.exit(2);
  }
  let clock: Clock;
  try {
    // Checked here for a clear exit; the backend thread reads the same CSM_TODAY.
    clock = clockFromEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const staticDir = ensureRenderer(path.resolve(__dirname, '..', '..'), (line) =>
    console.log(line),
  );
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  // The backend runs in a worker thread: a long query or document never stalls the server.
  const backend = await WorkerBackend.start({ dataDir, user: values.user });
  const server = await startWebServer({ dispatcher: backend, staticDir, port });
  console.log(`CSM Workbench (browser mode), data in ${dataDir}, today ${clock.today()}`);
  console.log('Open this URL:');
  console.log(server.openUrl);
  const stop = async () => {
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
