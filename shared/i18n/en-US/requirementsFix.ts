// The requirements library's follow-ups (issue 16): the renewing-soon filter and how a customer was told.
import type { requirementsFix as zh } from '../zh-CN/requirementsFix';

export const requirementsFix: Record<keyof typeof zh, string> = {
  'requirementsFix.filter.renewingSoon': 'Asked by accounts renewing within 90 days',
  'requirementsFix.portfolio.blockingCount': '{n} requirements block renewals',
  'requirementsFix.tell.kind': 'How',
  'requirementsFix.tell.channel': 'Chat channel',
  'requirement.error.channelNotChat': 'A channel is only for chats',
};
