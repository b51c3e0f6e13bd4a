// Touchpoints, usage readings and surveys: the small, numerous records of an account's life.
import { z } from 'zod';
import { count, customIssue, isoDate, optionalText, shortText } from '../common';

/** Where a chat took place. */
export const chatChannels = ['wecom', 'dingtalk', 'wechat', 'other'] as const;

export const touchpointFields = z.strictObject({
  kind: z.enum(['call', 'chat', 'email', 'meeting', 'training', 'event', 'note', 'other']),
  /** A chat's channel (WeCom, DingTalk ...). */
  channel: z.enum(chatChannels).optional(),
  date: isoDate,
  subject: shortText,
  notes: optionalText,
  contacts: z.array(shortText).max(50).default([]),
  training: z.strictObject({ attendance: count, assessment: optionalText }).optional(),
});

export const usageDepths = ['recording', 'process', 'integrated', 'customised'] as const;

export const usageReadingFields = z.strictObject({
  date: isoDate,
  purchasedSeats: count,
  importedUsers: count.default(0),
  activatedUsers: count,
  /** Monthly active users. */
  activeUsers: count.default(0),
  dailyLogins: count.optional(),
  northStarValue: z.number().finite().optional(),
  depth: z.enum(usageDepths).optional(),
  moduleRecords: z
    .array(z.strictObject({ module: shortText, records: count }))
    .max(100)
    .default([]),
});

export function refineUsageReading(
  u: z.output<typeof usageReadingFields>,
  ctx: z.RefinementCtx,
): void {
  if (u.activatedUsers > Math.max(u.importedUsers, u.purchasedSeats) && u.purchasedSeats > 0) {
    customIssue(
      ctx,
      ['activatedUsers'],
      'validation.activatedAboveSeats',
      'more users activated than purchased or imported',
    );
  }
}

export const surveyFields = z.strictObject({
  kind: z.enum(['nps', 'csat']),
  date: isoDate,
  respondent: shortText,
  /** NPS: 0-10; CSAT: 1-5. */
  score: z.number().int().min(0).max(10),
  comment: optionalText,
});

export function refineSurvey(s: z.output<typeof surveyFields>, ctx: z.RefinementCtx): void {
  if (s.kind === 'csat' && (s.score < 1 || s.score > 5)) {
    customIssue(ctx, ['score'], 'validation.csatRange', 'a CSAT score is 1 to 5');
  }
}
