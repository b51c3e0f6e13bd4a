// CSM overrides of an account's band: every one is a document (kept and shown as history); the
// latest decides, until it is cleared or lapses.
import type { ActiveOverride, OverrideRecord } from '../../shared/api/health';
import type { HealthBand } from '../../shared/domain/health/model';
import type { Queries } from '../projection/queries';
import type { AccountScope } from '../projection/queries/scope';

function toRecord(d: Record<string, unknown>): OverrideRecord & { accountId: string } {
  return {
    id: d._id as string,
    accountId: d.accountId as string,
    action: (d.action as 'set' | 'clear' | undefined) ?? 'set',
    band: d.band as HealthBand | undefined,
    reason: d.reason as string,
    expiresOn: d.expiresOn as string | undefined,
    by: d.createdBy as string,
    at: d.createdAt as string,
  };
}

/** Every override of the accounts in scope, oldest first per account. */
export function overrideHistory(
  queries: Queries,
  scope: AccountScope,
): Map<string, OverrideRecord[]> {
  const out = new Map<string, OverrideRecord[]>();
  for (const doc of queries.health.docsInScope('healthOverride', scope)) {
    const { accountId, ...record } = toRecord(doc);
    const list = out.get(accountId) ?? [];
    list.push(record);
    out.set(accountId, list);
  }
  for (const list of out.values())
    list.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return out;
}

/** The override in force on `today`, if any: the latest record, when it sets a band. */
export function activeOverride(
  records: OverrideRecord[] | undefined,
  today: string,
): ActiveOverride | undefined {
  const latest = records?.[records.length - 1];
  if (!latest || latest.action !== 'set' || !latest.band) return undefined;
  if (latest.expiresOn && latest.expiresOn < today) return undefined;
  return {
    id: latest.id,
    band: latest.band,
    reason: latest.reason,
    by: latest.by,
    on: latest.at.slice(0, 10),
  };
}
