// Early-warning rules over one account's inputs, computed offline from local data. Each alert
// has a stable key, so an acknowledgement or snooze (kept in a document) finds it again.
import { daysToRenewal, inRenewalWindow } from '../../rules/renewal';
import { daysBetween } from '../../time/days';
import type { AccountInputs } from './inputs';
import { profileFor, type HealthModel } from './model';
import { activationOf, usageChangeOf } from './score';

export const alertRules = [
  'lowActivation',
  'usageFalling',
  'seatsGrowing',
  'keyPersonLeft',
  'renewalWindow',
  'overdueAction',
  'overdueIssue',
  'noContact',
] as const;
export type AlertRule = (typeof alertRules)[number];
export type AlertSeverity = 'high' | 'medium' | 'low';

export interface Alert {
  /** `<rule>|<account id>|<subject>`: stable while the situation lasts. */
  key: string;
  rule: AlertRule;
  severity: AlertSeverity;
  accountId: string;
  accountName: string;
  ownerCsm: string | null;
  tier: string;
  /** The document the alert is about (contact, issue, visit ...), when there is one. */
  targetId?: string;
  /** Values for the alert's message (see health.alert.<rule> in shared/i18n). */
  params: Record<string, string | number>;
}

const pct = (fraction: number) => Math.round(fraction * 100);

/** The largest of purchased seats and activated users: what "seats" means for growth. */
function seatsOf(p: { purchasedSeats: number; activatedUsers: number }): number {
  return Math.max(p.purchasedSeats, p.activatedUsers);
}

export function evaluateAlerts(a: AccountInputs, model: HealthModel, today: string): Alert[] {
  const s = model.alerts;
  const profile = profileFor(model, a.tier);
  const out: Alert[] = [];
  const add = (
    rule: AlertRule,
    severity: AlertSeverity,
    subject: string,
    params: Alert['params'],
    targetId?: string,
  ) =>
    out.push({
      key: `${rule}|${a.accountId}|${subject}`,
      rule,
      severity,
      accountId: a.accountId,
      accountName: a.name,
      ownerCsm: a.ownerCsm,
      tier: a.tier,
      targetId,
      params,
    });

  const activation = activationOf(a);
  if (activation !== null && activation < s.lowActivation)
    add('lowActivation', 'high', '', {
      activation: pct(activation),
      threshold: pct(s.lowActivation),
    });

  const change = usageChangeOf(a, s.usageLookbackDays);
  if (change !== null && change <= -s.usageDrop)
    add('usageFalling', 'medium', '', { drop: pct(-change), days: s.usageLookbackDays });

  if (a.tier === 'micro' && a.usage.length > 1) {
    const latest = a.usage[a.usage.length - 1];
    const first = a.usage.find((r) => daysBetween(r.date, latest.date) <= s.seatGrowthDays);
    if (first && first !== latest && seatsOf(first) > 0) {
      const growth = seatsOf(latest) / seatsOf(first);
      if (growth >= s.seatGrowth)
        add('seatsGrowing', 'low', '', { from: seatsOf(first), to: seatsOf(latest) });
    }
  }

  for (const c of a.contacts) {
    if (c.active || !c.leftOn) continue;
    const ago = daysBetween(c.leftOn, today);
    if (ago < 0 || ago > s.keyPersonLeftDays) continue;
    if (c.roles.includes('decisionMaker'))
      add(
        'keyPersonLeft',
        'high',
        c.id,
        { name: c.name, role: 'decisionMaker', leftOn: c.leftOn },
        c.id,
      );
    else if (c.roles.includes('champion'))
      add(
        'keyPersonLeft',
        'medium',
        c.id,
        { name: c.name, role: 'champion', leftOn: c.leftOn },
        c.id,
      );
  }

  if (a.renewalDate && inRenewalWindow(today, a.renewalDate, profile.renewalWindowDays)) {
    const days = daysToRenewal(today, a.renewalDate)!;
    add('renewalWindow', days <= 30 ? 'high' : 'medium', a.renewalDate, {
      days,
      endDate: a.renewalDate,
    });
  }

  for (const item of a.overdueActions)
    add(
      'overdueAction',
      'medium',
      item.ref,
      { title: item.title, dueDate: item.dueDate, days: daysBetween(item.dueDate, today) },
      item.ref.split('#')[0],
    );
  for (const item of a.overdueIssues)
    add(
      'overdueIssue',
      'medium',
      item.ref,
      { title: item.title, dueDate: item.dueDate, days: daysBetween(item.dueDate, today) },
      item.ref,
    );

  const since = a.lastContactOn ? daysBetween(a.lastContactOn, today) : null;
  if (since === null || since > profile.cadenceDays)
    add('noContact', 'medium', a.lastContactOn ?? 'never', {
      days: since ?? -1,
      cadence: profile.cadenceDays,
    });

  return out;
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { high: 0, medium: 1, low: 2 };
/** One collator for all comparisons: `localeCompare` per pair is far slower on long lists. */
// Made on first use: building a zh-CN collator loads ICU's collation data (about 50 ms).
let byName: Intl.Collator | undefined;

export function compareAlerts(x: Alert, y: Alert): number {
  return (
    SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity] ||
    alertRules.indexOf(x.rule) - alertRules.indexOf(y.rule) ||
    (byName ??= new Intl.Collator('zh-CN')).compare(x.accountName, y.accountName) ||
    (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
}

/** A short alphanumeric digest of an alert key, for the id of its state document. */
export function alertDigest(key: string): string {
  // Two FNV-1a passes with different seeds: 64 bits, plenty for one account's alerts.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 ^ 0x2f) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
