import { z } from 'zod';
import { customIssue, isoDate, level3, optionalText, shortText } from '../common';

export const decisionChainRoles = [
  'decisionMaker',
  'initiator',
  'selector',
  'champion',
  'opponent',
  'customerPm',
  'keyUser',
  'it',
] as const;

export const contactFields = z.strictObject({
  name: shortText,
  position: shortText.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[+0-9 ()-]{5,30}$/, 'phone number')
    .optional(),
  email: z.email().optional(),
  wechat: shortText.optional(),
  roles: z.array(z.enum(decisionChainRoles)).max(8).default([]),
  influence: level3.default('medium'),
  stance: z.enum(['supportive', 'neutral', 'opposed']).default('neutral'),
  personalityNotes: optionalText,
  lastContactOn: isoDate.optional(),
  /** False once the person has left; a departed decision maker or champion is an alert. */
  active: z.boolean().default(true),
  leftOn: isoDate.optional(),
});

export function refineContact(c: z.output<typeof contactFields>, ctx: z.RefinementCtx): void {
  if (!c.active && !c.leftOn) {
    customIssue(
      ctx,
      ['leftOn'],
      'validation.leftOnRequired',
      'a contact who left needs the date they left',
    );
  }
}
