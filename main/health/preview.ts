// What a draft health model would do before it is saved: every account (in recompute's scope,
// churned ones left out) scored with the model in force and with the draft, on today's data,
// with the same scoring as recompute.ts. Nothing is written.
import { healthBands, type HealthBand } from '../../shared/domain/health/model';
import { scoreAccount } from '../../shared/domain/health/score';
import type { ModelPreview, PreviewRow } from '../../shared/api/health';
import type { BackendContext } from '../api/context';
import { checkedModel, loadModel } from './modelStore';

const RANK: Record<HealthBand, number> = { red: 0, yellow: 1, green: 2 };

export function previewModel(
  ctx: BackendContext,
  input: { model: unknown; offset: number; limit: number },
): ModelPreview {
  const started = performance.now();
  const draft = checkedModel(input.model);
  const { model } = loadModel(ctx);
  const today = ctx.clock.today();
  const inputs = ctx.queries.health.inputs({}, today);
  const zero = () => ({ red: 0, yellow: 0, green: 0 }) as Record<HealthBand, number>;
  const bandsBefore = zero();
  const bandsAfter = zero();
  const counts = new Map<string, number>();
  const moved: PreviewRow[] = [];
  let scoreChanged = 0;
  for (const account of inputs) {
    const before = scoreAccount(account, model, today);
    const after = scoreAccount(account, draft, today);
    bandsBefore[before.band]++;
    bandsAfter[after.band]++;
    if (before.score !== after.score) scoreChanged++;
    if (before.band === after.band) continue;
    const key = `${before.band}>${after.band}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    moved.push({
      accountId: account.accountId,
      name: account.name,
      tier: account.tier,
      ownerCsm: account.ownerCsm,
      oldScore: before.score,
      oldBand: before.band,
      newScore: after.score,
      newBand: after.band,
    });
  }
  // The largest moves first (red -> green before yellow -> green), then by score, then name.
  const reach = (r: PreviewRow) => Math.abs(RANK[r.newBand] - RANK[r.oldBand]);
  moved.sort(
    (a, b) =>
      reach(b) - reach(a) ||
      Math.abs(b.newScore - b.oldScore) - Math.abs(a.newScore - a.oldScore) ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      (a.accountId < b.accountId ? -1 : 1),
  );
  const moves = [...counts.entries()]
    .map(([key, count]) => {
      const [from, to] = key.split('>') as [HealthBand, HealthBand];
      return { from, to, count };
    })
    .sort(
      (a, b) =>
        b.count - a.count ||
        healthBands.indexOf(a.from) - healthBands.indexOf(b.from) ||
        healthBands.indexOf(a.to) - healthBands.indexOf(b.to),
    );
  return {
    accounts: inputs.length,
    bandsBefore,
    bandsAfter,
    moves,
    scoreChanged,
    total: moved.length,
    offset: input.offset,
    items: moved.slice(input.offset, input.offset + input.limit),
    ms: Math.round(performance.now() - started),
  };
}
