// The health model as data: dimensions mapped to 0-100 by editable rules, weighted per tier
// profile, with band thresholds, visit cadences and alert thresholds. A manager edits it; it syncs.
import { z } from 'zod';
import { tiers } from '../entities/account';
import { RENEWAL_WINDOW_DAYS } from '../../rules/renewal';

export const healthDimensions = [
  'activation',
  'usageTrend',
  'engagement',
  'support',
  'relationship',
  'renewal',
  'payment',
  'nps',
] as const;
export type HealthDimension = (typeof healthDimensions)[number];
export type Tier = (typeof tiers)[number];
export const healthBands = ['red', 'yellow', 'green'] as const;
export type HealthBand = (typeof healthBands)[number];

/**
 * A rule maps a dimension's raw measure to 0-100 by straight lines between points, sorted by
 * raw value; below the first point or above the last the nearest end applies.
 */
const rulePoint = z.tuple([z.number().finite(), z.number().min(0).max(100)]);
export const ruleSchema = z
  .array(rulePoint)
  .min(1)
  .max(20)
  .refine((points) => points.every((p, i) => i === 0 || p[0] > points[i - 1][0]), {
    message: 'rule points must rise in raw value',
    params: { messageKey: 'validation.health.ruleOrder' },
  });
export type Rule = z.output<typeof ruleSchema>;

const weights = z.strictObject(
  Object.fromEntries(healthDimensions.map((d) => [d, z.number().min(0).max(100)])) as Record<
    HealthDimension,
    z.ZodNumber
  >,
);

export const profileSchema = z
  .strictObject({
    weights,
    /** Score at or above `green` is green, at or above `yellow` yellow, else red. */
    thresholds: z.strictObject({
      yellow: z.number().min(0).max(100),
      green: z.number().min(0).max(100),
    }),
    /** Expected days between contacts (visits; micro accounts are served remotely). */
    cadenceDays: z.number().int().min(1).max(365),
    /** Renewal work starts this many days before the contract ends. */
    renewalWindowDays: z.number().int().min(1).max(365),
  })
  .refine((p) => p.thresholds.yellow <= p.thresholds.green, {
    message: 'the yellow threshold must not exceed the green one',
    path: ['thresholds', 'yellow'],
    params: { messageKey: 'validation.health.thresholdOrder' },
  })
  .refine((p) => Object.values(p.weights).some((w) => w > 0), {
    message: 'at least one weight must be above zero',
    path: ['weights'],
    params: { messageKey: 'validation.health.someWeight' },
  });
export type HealthProfile = z.output<typeof profileSchema>;

export const alertSettingsSchema = z.strictObject({
  /** Activation (activated / purchased seats) below this fraction: rescue now. */
  lowActivation: z.number().min(0).max(1),
  /** Active users down by at least this fraction against about `usageLookbackDays` ago. */
  usageDrop: z.number().min(0).max(1),
  usageLookbackDays: z.number().int().min(7).max(365),
  /** A micro account whose seats multiplied by at least this much within `seatGrowthDays`. */
  seatGrowth: z.number().min(1).max(100),
  seatGrowthDays: z.number().int().min(7).max(730),
  /** How long a decision maker or champion leaving stays an alert. */
  keyPersonLeftDays: z.number().int().min(1).max(365),
});
export type AlertSettings = z.output<typeof alertSettingsSchema>;

export const healthModelFields = z.strictObject({
  name: z.string().trim().min(1).max(200),
  rules: z.strictObject(
    Object.fromEntries(healthDimensions.map((d) => [d, ruleSchema])) as Record<
      HealthDimension,
      typeof ruleSchema
    >,
  ),
  profiles: z.strictObject({
    strategic: profileSchema,
    ordinary: profileSchema,
    micro: profileSchema,
  }),
  alerts: alertSettingsSchema,
  /** Score history points kept per account (one a day at most). */
  historyLimit: z.number().int().min(2).max(1000).default(400),
});
export type HealthModel = z.output<typeof healthModelFields>;

/** What each dimension's raw measure is, for the docs and the editor. */
export const RAW_MEASURES: Record<HealthDimension, string> = {
  activation: 'activated users / purchased seats (0-1)',
  usageTrend: 'relative change of active users against about 90 days before (-1 ...)',
  engagement: 'days since the last contact / the tier cadence in days',
  support: 'open urgent issues + overdue open issues',
  relationship:
    'share of: decision maker present, decision maker supportive, champion present, champion supportive (0-1)',
  renewal: 'days until the earliest active contract ends',
  payment: '1 when every active contract is paid, else 0',
  nps: 'mean NPS score (0-10) of the latest responses, one per respondent',
};

const profile = (
  w: Record<HealthDimension, number>,
  cadenceDays: number,
  renewalWindowDays: number,
): HealthProfile => ({
  weights: w,
  thresholds: { yellow: 50, green: 75 },
  cadenceDays,
  renewalWindowDays,
});

/** The model every new workbench starts with (the book's practice, tunable by the manager). */
export const DEFAULT_HEALTH_MODEL: HealthModel = {
  name: 'Default',
  rules: {
    activation: [
      [0, 0],
      [0.2, 20],
      [0.5, 60],
      [0.8, 100],
    ],
    usageTrend: [
      [-0.3, 0],
      [-0.1, 40],
      [0, 70],
      [0.1, 100],
    ],
    engagement: [
      [1, 100],
      [1.5, 50],
      [2, 20],
      [3, 0],
    ],
    support: [
      [0, 100],
      [1, 70],
      [3, 30],
      [6, 0],
    ],
    relationship: [
      [0, 0],
      [0.5, 50],
      [1, 100],
    ],
    renewal: [
      [0, 20],
      [30, 40],
      [90, 70],
      [180, 100],
    ],
    payment: [
      [0, 0],
      [1, 100],
    ],
    nps: [
      [0, 0],
      [6, 30],
      [8, 70],
      [10, 100],
    ],
  },
  profiles: {
    strategic: profile(
      {
        activation: 20,
        usageTrend: 15,
        engagement: 15,
        support: 10,
        relationship: 20,
        renewal: 5,
        payment: 5,
        nps: 10,
      },
      30,
      RENEWAL_WINDOW_DAYS.strategic,
    ),
    ordinary: profile(
      {
        activation: 25,
        usageTrend: 20,
        engagement: 10,
        support: 10,
        relationship: 15,
        renewal: 5,
        payment: 5,
        nps: 10,
      },
      60,
      RENEWAL_WINDOW_DAYS.ordinary,
    ),
    micro: profile(
      {
        activation: 35,
        usageTrend: 25,
        engagement: 5,
        support: 10,
        relationship: 5,
        renewal: 5,
        payment: 5,
        nps: 10,
      },
      90,
      RENEWAL_WINDOW_DAYS.micro,
    ),
  },
  alerts: {
    lowActivation: 0.2,
    usageDrop: 0.3,
    usageLookbackDays: 90,
    seatGrowth: 3,
    seatGrowthDays: 180,
    keyPersonLeftDays: 90,
  },
  historyLimit: 400,
};

export function profileFor(model: HealthModel, tier: string): HealthProfile {
  return model.profiles[(tiers as readonly string[]).includes(tier) ? (tier as Tier) : 'ordinary'];
}

/** The weights of a profile are shares of this total, in percent. */
export const WEIGHT_TOTAL = 100;

/** A profile's weights added up, to two decimals (what the editor shows live). */
export function weightSum(weights: Record<HealthDimension, number | null | undefined>): number {
  const sum = healthDimensions.reduce((s, d) => s + (Number(weights[d]) || 0), 0);
  return Math.round(sum * 100) / 100;
}

/**
 * What a manager may save: a model whose weights are shares of 100 % in every profile. Stored
 * models are read with `healthModelFields` alone (scores rescale whatever the weights add up
 * to), so a model saved before this rule still scores as it did.
 */
export const healthModelInput = healthModelFields.superRefine((model, ctx) => {
  for (const tier of tiers) {
    const sum = weightSum(model.profiles[tier].weights);
    if (Math.abs(sum - WEIGHT_TOTAL) > 1e-6)
      ctx.addIssue({
        code: 'custom',
        path: ['profiles', tier, 'weights'],
        message: `the weights add up to ${sum} %, not ${WEIGHT_TOTAL} %`,
        params: { messageKey: 'validation.health.weightSum', values: { sum } },
      });
  }
});
