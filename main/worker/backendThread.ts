// The backend in a worker thread (browser mode): the same message loop as the Electron backend
// process, over worker_threads' parentPort, so the HTTP server's event loop never waits on
// better-sqlite3's synchronous queries or document building.
import { parentPort, workerData } from 'node:worker_threads';
import { serve } from './backendProcess';
import type { ToBackend } from './protocol';

const { dataDir, user } = workerData as { dataDir: string; user?: string };
const port = parentPort;
if (port) {
  // worker_threads delivers the message itself; Electron's parentPort wraps it as { data }.
  void serve(
    {
      on: (_event, listener) => port.on('message', (data: ToBackend) => listener({ data })),
      postMessage: (message) => port.postMessage(message),
    },
    dataDir,
    { user },
  );
}
