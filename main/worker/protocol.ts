// Messages between the Electron main process and the backend process.
import type { ApiResult } from '../../shared/api/errors';

export interface CallMessage {
  kind: 'call';
  id: number;
  method: string;
  input: unknown;
}
export interface ReplyMessage {
  kind: 'reply';
  id: number;
  result: ApiResult<unknown>;
}
export interface ReadyMessage {
  kind: 'ready';
  dataDir: string;
}
export interface FatalMessage {
  kind: 'fatal';
  message: string;
}
export type ToBackend = CallMessage | { kind: 'close' };
export type FromBackend = ReplyMessage | ReadyMessage | FatalMessage;
