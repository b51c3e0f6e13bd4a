// Documents of the health area: the team's model, each account's score with its history, the
// CSM overrides (kept, never overwritten) and the acknowledged or snoozed alerts.
import { z } from 'zod';
import { customIssue, isoDate, shortText, text, userName } from '../common';
import { healthBands, healthDimensions } from '../health/model';
import { alertRules } from '../health/alerts';

import { healthModelFields } from '../health/model';

export { healthModelFields };

/**
 * The stored model: its fields and how this version came about. Every save writes the current
 * document and a version document (`healthModel:TEAM:v<time><n>`) with the same fields; a
 * restore is a new version that names the one it restored.
 */
export const healthModelDocFields = healthModelFields.extend({
  change: z
    .strictObject({
      kind: z.enum(['save', 'restore']),
      /** The version a restore brought back. */
      restoredFrom: z.string().min(1).max(200).optional(),
    })
    .optional(),
});

const band = z.enum(healthBands);

export const healthScoreFields = z.strictObject({
  /** The model's score, before any override. */
  score: z.number().min(0).max(100),
  band,
  computedOn: isoDate,
  factors: z
    .array(
      z.strictObject({
        dimension: z.enum(healthDimensions),
        raw: z.number(),
        score: z.number().min(0).max(100),
        weight: z.number().min(0).max(100),
        impact: z.number().min(0).max(100),
      }),
    )
    .max(healthDimensions.length)
    .default([]),
  missing: z.array(z.enum(healthDimensions)).max(healthDimensions.length).default([]),
  /** The CSM override in force when this was computed; its band is the one shown. */
  override: z
    .strictObject({ id: z.string(), band, reason: text, by: userName, on: isoDate })
    .optional(),
  /** One point per day at most, oldest first: the trend. */
  history: z
    .array(z.strictObject({ date: isoDate, score: z.number().min(0).max(100), band }))
    .max(1000)
    .default([]),
});

export const healthOverrideFields = z.strictObject({
  /** `set` puts a band in force; `clear` ends the override in force. */
  action: z.enum(['set', 'clear']).default('set'),
  band: band.optional(),
  reason: text,
  /** The override lapses after this day. */
  expiresOn: isoDate.optional(),
});

export function refineHealthOverride(
  o: z.output<typeof healthOverrideFields>,
  ctx: z.RefinementCtx,
): void {
  if (o.action === 'set' && !o.band)
    customIssue(ctx, ['band'], 'health.override.bandRequired', 'an override needs a band');
}

export const alertStateFields = z.strictObject({
  alertKey: z.string().min(1).max(1000),
  rule: z.enum(alertRules),
  status: z.enum(['acknowledged', 'snoozed']),
  /** A snoozed alert returns after this day. */
  snoozedUntil: isoDate.optional(),
  note: shortText.optional(),
});

export function refineAlertState(s: z.output<typeof alertStateFields>, ctx: z.RefinementCtx): void {
  if (s.status === 'snoozed' && !s.snoozedUntil)
    customIssue(
      ctx,
      ['snoozedUntil'],
      'health.alert.snoozeNeedsDate',
      'a snoozed alert needs the day it returns',
    );
}
