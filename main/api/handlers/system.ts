// Search, system information and the projection rebuild.
import type { SearchResult, SystemInfo } from '../../../shared/api/types';
import { LATEST_VERSION } from '../../projection/migrate';
import type { BackendContext } from '../context';
import type { Actor } from '../identity';

export function searchQuery(
  ctx: BackendContext,
  input: {
    q: string;
    types?: string[];
    accountId?: string;
    limit: number;
    offset: number;
    locale?: 'zh-CN' | 'en-US';
  },
): SearchResult {
  return { ...ctx.queries.searchPage(input.q, input), offset: input.offset };
}

export async function systemInfo(
  ctx: BackendContext,
  _input: unknown,
  actor: Actor,
): Promise<SystemInfo> {
  const info = await ctx.store.info();
  return {
    version: ctx.version,
    user: actor.login,
    dataDir: ctx.store.dataDir,
    today: ctx.clock.today(),
    docCount: info.docCount,
    projection: {
      checkpoint: ctx.store.projection.checkpoint,
      docs: ctx.queries.docCount(),
      schemaVersion: LATEST_VERSION,
    },
  };
}

export async function rebuildIndex(ctx: BackendContext): Promise<{ docs: number; ms: number }> {
  const started = performance.now();
  const docs = await ctx.store.rebuildProjection();
  return { docs, ms: Math.round(performance.now() - started) };
}
