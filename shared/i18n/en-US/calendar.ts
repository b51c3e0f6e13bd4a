// The calendar feed (issue 14, item 4): the .ics texts and the download/subscription UI.
import type { calendar as zh } from '../zh-CN/calendar';

export const calendar: Record<keyof typeof zh, string> = {
  'calendar.name': 'CSM Workbench: visit plans',
  'calendar.visitSummary': 'Visit plan: {account} · {purpose}',
  'calendar.doneMark': '[Done] ',
  'calendar.actionSummary': 'Action item: {title} ({account})',
  'calendar.taskSummary': 'Task: {title} ({account})',
  'calendar.desc.account': 'Account: {account}',
  'calendar.desc.purpose': 'Purpose: {purpose}',
  'calendar.desc.agenda': 'Agenda:',
  'calendar.desc.mode': 'Mode: {mode}',
  'calendar.desc.customer': 'Customer attendees: {names}',
  'calendar.desc.vendor': 'Our attendees: {names}',
  'calendar.desc.noTime': 'No time set: shown as an all-day event.',
  'calendar.desc.oneHour': 'No end time recorded: shown as one hour.',
  'calendar.desc.owner': 'Owner: {owner}',
  'calendar.desc.fromVisit': 'From the visit of {date}: {purpose}',
  'calendar.error.unknownCsm': '{csm} is no team member and owns no account',
  'calendar.error.wrongToken': 'The subscription token is wrong or was revoked',
  'calendar.download': 'Download .ics',
  'calendar.more': 'More calendar options',
  'calendar.includeTasks': 'Include due dates of action items and tasks',
  'calendar.downloaded': 'Downloaded {visits} visits and {tasks} tasks',
  'calendar.subscribe': 'Calendar subscription',
  'calendar.feed.none':
    'No subscription URL yet. Once created, Outlook, WeCom or DingTalk calendars on this computer can subscribe to the visit plans of the accounts you own.',
  'calendar.feed.create': 'Create subscription URL',
  'calendar.feed.regenerate': 'Regenerate (the old URL stops working at once)',
  'calendar.feed.revoke': 'Revoke subscription URL',
  'calendar.feed.url': 'Subscription URL',
  'calendar.feed.hint':
    'Served on this computer only (127.0.0.1); the token in the URL is a password: do not share it.',
  'calendar.feed.revoked': 'Subscription URL revoked; the old URL no longer works',
  'calendar.feed.created': 'Subscription URL created',
  'calendar.feed.copy': 'Copy',
  'calendar.feed.copied': 'Copied',
} as const;
