// The requirements library's follow-ups (issue 16): the renewing-soon filter and how a customer was told.
export const requirementsFix = {
  'requirementsFix.filter.renewingSoon': '有 90 天内续约的客户提出',
  'requirementsFix.portfolio.blockingCount': '{n} 个需求阻碍续约',
  'requirementsFix.tell.kind': '告知方式',
  'requirementsFix.tell.channel': '聊天渠道',
  'requirement.error.channelNotChat': '只有聊天才能选择渠道',
} as const;
