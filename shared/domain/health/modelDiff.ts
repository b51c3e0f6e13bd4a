// What changed from one version of the health model to the next: each weight, threshold, cadence,
// renewal window, rule, alert setting, the name and the history limit that differ, in model order.
import { tiers } from '../entities/account';
import { healthDimensions, type HealthModel, type Rule } from './model';

export interface ModelChange {
  /** The model path, e.g. ['profiles', 'strategic', 'weights', 'activation']. */
  path: string[];
  from: number | string | Rule | null;
  to: number | string | Rule | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function modelChanges(before: HealthModel, after: HealthModel): ModelChange[] {
  const out: ModelChange[] = [];
  const put = (path: string[], from: ModelChange['from'], to: ModelChange['to']) => {
    if (!same(from, to)) out.push({ path, from, to });
  };
  put(['name'], before.name, after.name);
  for (const tier of tiers) {
    const a = before.profiles[tier];
    const b = after.profiles[tier];
    for (const d of healthDimensions)
      put(['profiles', tier, 'weights', d], a.weights[d] ?? null, b.weights[d] ?? null);
    put(['profiles', tier, 'thresholds', 'green'], a.thresholds.green, b.thresholds.green);
    put(['profiles', tier, 'thresholds', 'yellow'], a.thresholds.yellow, b.thresholds.yellow);
    put(['profiles', tier, 'cadenceDays'], a.cadenceDays, b.cadenceDays);
    put(['profiles', tier, 'renewalWindowDays'], a.renewalWindowDays, b.renewalWindowDays);
  }
  for (const d of healthDimensions) put(['rules', d], before.rules[d], after.rules[d]);
  for (const k of Object.keys(after.alerts) as (keyof HealthModel['alerts'])[])
    put(['alerts', k], before.alerts[k], after.alerts[k]);
  put(['historyLimit'], before.historyLimit, after.historyLimit);
  return out;
}
