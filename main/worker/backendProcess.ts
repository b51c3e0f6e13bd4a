// The backend in its own process (Electron utilityProcess), so better-sqlite3's synchronous
// queries and document building never block the window's main process. It opens the Backend
// and answers `call` messages with dispatch results; nothing here knows about Electron.
import { Backend } from '../backend';
import type { FromBackend, ToBackend } from './protocol';

interface Port {
  on(event: 'message', listener: (event: { data: ToBackend }) => void): void;
  postMessage(message: FromBackend): void;
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function serve(
  port: Port,
  dataDir: string,
  user?: string,
  exit: () => void = () => process.exit(0),
): Promise<void> {
  let backend: Backend;
  try {
    backend = await Backend.open({ dataDir, user });
  } catch (error) {
    port.postMessage({
      kind: 'fatal',
      message: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  port.on('message', ({ data }) => {
    if (data.kind === 'close') {
      void backend.close().then(exit);
      return;
    }
    void backend
      .dispatch(data.method, data.input)
      .then((result) => port.postMessage({ kind: 'reply', id: data.id, result }));
  });
  port.postMessage({ kind: 'ready', dataDir });
}

const parentPort = (process as unknown as { parentPort?: Port }).parentPort;
const dataDir = argument('data-dir');
if (parentPort && dataDir) void serve(parentPort, dataDir, argument('user'));
