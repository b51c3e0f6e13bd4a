// Sync (issue 4): connect to the team server, its status, and conflict resolution.
import type { SyncScope } from '../../../shared/api/sync';
import { conflictDetail, listConflicts, resolveConflict } from '../../sync/conflicts';
import { syncServiceOf } from '../../sync/service';
import type { BackendContext, Handler } from '../context';
import type { Actor } from '../identity';

export const syncHandlers: Record<string, Handler> = {
  'sync.connect': (
    ctx: BackendContext,
    input: { url: string; db: string; user: string; password: string; scope: SyncScope },
  ) => syncServiceOf(ctx).connect(input),
  'sync.disconnect': (ctx: BackendContext) => syncServiceOf(ctx).disconnect(),
  'sync.status': (ctx: BackendContext) => syncServiceOf(ctx).status(),
  'sync.retryRejected': (ctx: BackendContext, _input: unknown, actor: Actor) =>
    syncServiceOf(ctx).retryRejected(actor),
  'conflict.list': async (ctx: BackendContext) => ({ items: await listConflicts(ctx) }),
  'conflict.get': (ctx: BackendContext, input: { id: string }) => conflictDetail(ctx, input.id),
  'conflict.resolve': (
    ctx: BackendContext,
    input: { id: string; revs: string[]; choices: Record<string, string> },
    actor: Actor,
  ) => resolveConflict(ctx, actor, input),
};
