// The local store under faults: a full disk, a failed write, a damaged store, backups.
export const store = {
  'store.diskFull':
    '磁盘已满，数据无法写入（{reason}）。在释放磁盘空间并重新启动之前，不会再保存任何内容。',
  'store.writeFailed': '本地数据无法写入（{reason}）。在重新启动之前，不会再保存任何内容。',
  'store.damaged':
    '本地数据已损坏（{reason}）。没有修改或重建任何内容，所有文件都已保留。请运行修复来恢复数据。',
  'store.notDamaged': '本地数据没有损坏，无需修复',
  'backup.duplicateId': '备份中 {id} 出现了不止一次',
} as const;
