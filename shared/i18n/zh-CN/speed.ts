// Speed at team scale (issue 15): what the bulk paths say when they stop part way.
export const speed = {
  'backup.restoreStopped':
    '备份恢复在写入 {total} 个文档中的 {written} 个后停止（{reason}）。原有数据没有任何改动；再次导入同一个备份即可完成恢复。',
} as const;
