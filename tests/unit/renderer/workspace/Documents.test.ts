/**
 * @jest-environment jsdom
 */
// The Documents tab's helpers: period choices, translated errors, and the browser download.
import { t } from '../../../../shared/i18n';
import { PERIOD_PATTERN } from '../../../../shared/rules/period';
import { ApiCallError } from '../../../../renderer/src/api/client';
import { periodOptions } from '../../../../renderer/src/components/DocumentPickers';
import { downloadFile, errorText } from '../../../../renderer/src/workspace/Documents';
import { TODAY } from '../../../helpers/clock';

const zh = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
  t('zh-CN', key, params);

describe('periodOptions', () => {
  it('offers the last three years, each followed by its quarters newest first', () => {
    const year = Number(TODAY.slice(0, 4));
    const values = periodOptions(zh, TODAY).map((o) => o.value);
    expect(values.slice(0, 6)).toEqual([
      `${year}`,
      `${year}-Q4`,
      `${year}-Q3`,
      `${year}-Q2`,
      `${year}-Q1`,
      `${year - 1}`,
    ]);
    expect(values).toHaveLength(15);
    expect(values.at(-1)).toBe(`${year - 2}-Q1`);
    // Every value is one the backend's period schema accepts.
    for (const v of values) expect(v).toMatch(PERIOD_PATTERN);
  });
});

describe('errorText', () => {
  it('translates every backend error by its key and parameters', () => {
    const error = new ApiCallError([
      {
        code: 'NOT_FOUND',
        path: [],
        message: 'account x not found',
        messageKey: 'error.accountNotFound',
        params: { id: 'account:1' },
      },
      {
        code: 'UNAVAILABLE',
        path: [],
        message: 'down',
        messageKey: 'error.unavailable',
        params: { reason: 'x' },
      },
    ]);
    expect(errorText(zh, error)).toBe('找不到客户 account:1; 服务暂时不可用：x');
  });

  it('never shows the raw text of an error that is not from the backend', () => {
    // A TypeError's own words would reach the user in English inside a Chinese screen.
    expect(errorText(zh, new Error('boom'))).toBe(zh('uxUi.error.unexpected'));
  });
});

/** jsdom's Blob has no arrayBuffer(); its FileReader does the same. */
const bytesOf = (blob: Blob) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

describe('downloadFile', () => {
  it('saves the decoded bytes under the file name through a temporary link', async () => {
    const blobs: Blob[] = [];
    const clicked: { name: string; href: string }[] = [];
    // jsdom has no object URLs: record the blob instead.
    URL.createObjectURL = (blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => undefined;
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ name: this.download, href: this.getAttribute('href') ?? '' });
    });
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    downloadFile({
      fileName: '客户-验收报告.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      base64: Buffer.from(bytes).toString('base64'),
    });
    click.mockRestore();
    expect(clicked).toEqual([{ name: '客户-验收报告.docx', href: 'blob:test' }]);
    expect(await bytesOf(blobs[0])).toEqual(bytes);
    expect(document.querySelector('a[download]')).toBeNull();
  });
});
