// What every document builder takes and returns.
import type { Locale } from '../../shared/i18n';

export interface BuildOptions {
  locale: Locale;
  /** "Today" for the document (a calendar day): dates in the text and ages are measured from it. */
  today: string;
  /** The instant the file is made (the workbook's created time). */
  now: Date;
  /** The vendor's company name for party B; the generic "Party B" label without it. */
  vendorName?: string;
  /** Support hotline printed in the acceptance report. */
  hotline?: string;
  /** Written although the data is not ready: every page carries the draft mark. */
  draft: boolean;
}

export interface BuiltFile {
  buffer: Buffer;
  /** Translated notes on missing data (the document was still built). */
  warnings: string[];
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
