// Picks the host adapter: the Electron preload when present, else HTTP on this origin.
import type { ApiClient } from './client';
import { HttpClient } from './client.http';
import { IpcClient } from './client.ipc';

export function defaultClient(): ApiClient {
  return window.csm ? new IpcClient(window.csm) : new HttpClient();
}
