// Company templates and the Excel deliverables' print texts (issue 12, items 4 and 5).
import type { templatesUi as zh } from '../zh-CN/templatesUi';

export const templatesUi: Record<keyof typeof zh, string> = {
  'templatesUi.error.damaged':
    'The template file is damaged and cannot be read ({reason}). Open it in Word, save it as .docx and choose it again.',
  'templatesUi.error.placeholderNeedsVisit':
    'The template uses the visit placeholders {names}, but the account has no visit',
  'templatesUi.period.range': '{from} – {to}',
  'templatesUi.upload.title': 'Company template',
  'templatesUi.upload.hint':
    'Choose your company .docx template and the documents are written into it (not the Excel issue list). Placeholders look like {{account_name}}.',
  'templatesUi.upload.choose': 'Choose template…',
  'templatesUi.upload.clear': 'No template',
  'templatesUi.upload.reading': 'Reading the template…',
  'templatesUi.upload.file': 'Template: {name}',
  'templatesUi.upload.placeholders': 'Placeholders in the template ({count})',
  'templatesUi.upload.none': 'The template has no placeholders',
  'templatesUi.upload.known': 'filled',
  'templatesUi.upload.unknown': 'unknown',
  'templatesUi.upload.unknownNotice':
    'Unknown placeholders ({count}); generating will be refused: {names}',
  'templatesUi.upload.failed': 'Cannot read the template',
  'templatesUi.upload.notForIssues': 'The issue list is an Excel file and uses no template',
  'templatesUi.xlsx.title': '{account} · {what} · {period}',
  'templatesUi.xlsx.asOf': 'as of {date}',
  'templatesUi.xlsx.page': 'Page &P of &N',
  'templatesUi.xlsx.unit.days': 'days',
  'templatesUi.xlsx.unit.yuan': 'CNY',
};
