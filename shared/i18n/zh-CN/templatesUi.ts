// Company templates and the Excel deliverables' print texts (issue 12, items 4 and 5).
export const templatesUi = {
  'templatesUi.error.damaged':
    '模板文件已损坏，无法读取（{reason}）。请在 Word 中打开并另存为 .docx 后重新选择。',
  'templatesUi.error.placeholderNeedsVisit': '模板使用了拜访占位符 {names}，但该客户没有拜访记录',
  'templatesUi.period.range': '{from} 至 {to}',
  'templatesUi.upload.title': '公司模板',
  'templatesUi.upload.hint':
    '选择公司的 .docx 模板，文档将按模板填写（Excel 问题清单除外）。占位符写作 {{account_name}}。',
  'templatesUi.upload.choose': '选择模板…',
  'templatesUi.upload.clear': '不用模板',
  'templatesUi.upload.reading': '正在读取模板…',
  'templatesUi.upload.file': '模板：{name}',
  'templatesUi.upload.placeholders': '模板中的占位符（{count} 个）',
  'templatesUi.upload.none': '模板中没有占位符',
  'templatesUi.upload.known': '可填写',
  'templatesUi.upload.unknown': '未知',
  'templatesUi.upload.unknownNotice': '有 {count} 个未知占位符，生成会被拒绝：{names}',
  'templatesUi.upload.failed': '无法读取模板',
  'templatesUi.upload.notForIssues': '问题清单是 Excel 文件，不使用模板',
  'templatesUi.xlsx.title': '{account} · {what} · {period}',
  'templatesUi.xlsx.asOf': '截至 {date}',
  'templatesUi.xlsx.page': '第 &P 页，共 &N 页',
  'templatesUi.xlsx.unit.days': '天',
  'templatesUi.xlsx.unit.yuan': '元',
} as const;
