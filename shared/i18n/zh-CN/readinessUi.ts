// The readiness checklist and the draft switch of the Documents tab and the batch panel.
export const readinessUi = {
  'readinessUi.ready': '资料齐全，可生成定稿',
  'readinessUi.missing': '定稿前还缺少：',
  'readinessUi.goTo': '去“{tab}”补充',
  'readinessUi.draft': '资料不全时生成草稿（每页标注“草稿”）',
  'readinessUi.notReady': '资料不全，未生成',
  'readinessUi.drafted': '草稿',
} as const;
