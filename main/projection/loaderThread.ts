// The projection loader's worker thread (loader.ts): applies the batches it is sent, in order,
// each in its own transaction, and answers each one so the host can send more.
import { parentPort, workerData } from 'node:worker_threads';
import { Loader, type FromLoader, type LoadMode, type ToLoader } from './loader';

const port = parentPort!;
const post = (message: FromLoader) => port.postMessage(message);
const { file, mode } = workerData as { file: string; mode: LoadMode };

let loader: Loader;
try {
  loader = new Loader(file, mode);
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'failed', message: (error as Error).message });
  process.exit(1);
}

port.on('message', (message: ToLoader) => {
  try {
    if (message.kind === 'apply') {
      loader.applySerialized(message.changes, message.meta);
      post({ kind: 'applied', count: message.changes.length });
    } else if (message.kind === 'finish') {
      loader.finish(message.meta);
      post({ kind: 'finished' });
    } else {
      loader.abort();
      port.close();
    }
  } catch (error) {
    loader.abort();
    post({ kind: 'failed', message: (error as Error).message });
  }
});
