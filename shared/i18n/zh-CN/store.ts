// The local store under faults: a full disk, a failed write, a damaged store, backups.
export const store = {
  'store.diskFull':
    '磁盘已满，数据无法写入（{reason}）。在释放磁盘空间并重新启动之前，不会再保存任何内容。',
  'store.writeFailed': '本地数据无法写入（{reason}）。在重新启动之前，不会再保存任何内容。',
  'store.damaged':
    '本地数据已损坏（{reason}）。没有修改或重建任何内容，所有文件都已保留。请运行修复来恢复数据。',
  'store.notDamaged': '本地数据没有损坏，无需修复',
  'storeUi.damagedTitle': '本地数据已损坏',
  'storeUi.repair': '修复',
  'storeUi.repairExplained':
    '修复会先把数据文件夹（{dataDir}）完整复制一份，然后依次从 LevelDB 修复、本地索引中的副本恢复文档；若添加了备份文件，再从备份补回其余文档。',
  'storeUi.repaired':
    '已恢复 {total} 个文档：LevelDB 修复 {fromLevelDb} 个，本地索引 {fromProjection} 个，备份 {fromBackup} 个。原文件夹已复制到 {copiedTo}。',
  'storeUi.refusingWrites':
    '本地数据无法写入（{reason}），不会再保存任何内容。请释放磁盘空间后重新启动。',
  'storeUi.addBackup': '添加备份文件',
  'storeUi.notABackup': '该文件不是工作台备份',
  'storeUi.backupChosen': '将使用的备份：{name}',
  'backup.duplicateId': '备份中 {id} 出现了不止一次',
} as const;
