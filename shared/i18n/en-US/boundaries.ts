// What the boundaries refuse (browser mode, IPC, worker messages) and sync's retries.
import type { MessageKey } from '..';

export const boundaries = {
  'error.input.tooLarge': 'The request is too large (limit {limit})',
  'error.input.tooDeep': 'The request is nested too deeply (limit {limit} levels)',
  'error.input.notJson': 'The request is not valid JSON: {reason}',
  'error.reply.tooLarge': 'The answer is too large (limit {limit}); ask for less',
  'error.reply.tooDeep': 'The answer is nested too deeply (limit {limit} levels)',
  'error.reply.notJson': 'The answer is not valid JSON: {reason}',
  'error.http.foreignHost': 'Refused: only requests addressed to {allowed} are answered',
  'error.http.crossOrigin': 'Cross-site request refused: {origin} is not this page',
  'error.http.wrongToken': 'Missing or wrong access token: open the URL printed at start',
  'error.http.usePost': 'Call the API with POST /api/:method',
  'error.messageUndeliverable': 'The message could not be delivered to the backend: {reason}',
  'sync.error.gaveUp':
    'Sync failed: the team server was still unavailable after {attempts} attempts ({seconds} s): {reason}',
} satisfies Partial<Record<MessageKey, string>>;
