// Trust leftovers: health rescored after a pull (docs/health.md), reported in the Sync drawer.
export const trust = {
  'trust.healthRescore.failed':
    '同步拉取后重新计算健康度失败（{at}）：{reason}。下次同步后会再次计算这些客户。',
} as const;
