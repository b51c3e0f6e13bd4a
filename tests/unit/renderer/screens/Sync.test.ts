/**
 * @jest-environment jsdom
 */
// The Sync drawer's wording: backend errors and sync states become sentences in both languages.
import type { ApiError } from '../../../../shared/api/errors';
import type { SyncStatus } from '../../../../shared/api/sync';
import { t as translate, type Locale, type MessageKey } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../renderer/src/api/client';
import { credentialNote, describeStatus, errorLines } from '../../../../renderer/src/screens/Sync';

const tr = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);
const details = {
  connected: true,
  rejected: [],
  conflicts: 0,
  credentialStorage: { kind: 'file' as const },
};

function failure(...errors: Partial<ApiError>[]): ApiCallError {
  return new ApiCallError(
    errors.map(
      (e) => ({ code: 'VALIDATION', path: [], message: 'raw', params: {}, ...e }) as ApiError,
    ),
  );
}

describe('errorLines', () => {
  it('translates the message key with its params, prefixed by the field path', () => {
    const error = failure(
      { code: 'UNAUTHORIZED', messageKey: 'sync.error.wrongPassword' },
      { messageKey: 'sync.error.refused', params: { url: 'http://127.0.0.1:1' }, path: ['url'] },
    );
    const en = errorLines(tr('en-US'), error);
    expect(en[0]).toBe('Wrong user name or password');
    expect(en[1]).toMatch(/^url: .*127\.0\.0\.1:1/);
    expect(errorLines(tr('zh-CN'), error)[0]).not.toBe(en[0]);
  });

  it('falls back to the English message when the key is unknown, and to nothing without error', () => {
    const error = failure({ messageKey: 'no.such.key' as MessageKey, message: 'Server said no' });
    expect(errorLines(tr('en-US'), error)).toEqual(['Server said no']);
    expect(errorLines(tr('en-US'), null)).toEqual([]);
  });
});

describe('describeStatus', () => {
  it('renders every state in words', () => {
    const en = tr('en-US');
    const cases: [SyncStatus, RegExp][] = [
      [{ state: 'offline', ...details }, /^Offline$/],
      [{ state: 'pulling', done: 3, total: 10, first: true, ...details }, /First sync: 3 of 10/],
      [{ state: 'pulling', done: 3, total: 10, first: false, ...details }, /Receiving.*3 of 10/],
      [{ state: 'pushing', pending: 4, ...details }, /Sending 4/],
      [{ state: 'upToDate', at: '2026-11-23T10:00:00.000Z', ...details }, /^Up to date \(.+\)$/],
      [
        {
          state: 'error',
          reason: 'rejected',
          messageKey: 'sync.error.rejected',
          message: 'x',
          params: { id: 'issue:K:1', reason: 'not yours' },
          retrying: false,
          ...details,
        },
        /refused document issue:K:1: not yours/,
      ],
    ];
    for (const [status, expected] of cases) expect(describeStatus(en, status)).toMatch(expected);
  });
});

describe('credentialNote', () => {
  it('says where the password is kept and warns when the keychain could not be used', () => {
    expect(credentialNote({ kind: 'keychain' })).toEqual({
      key: 'syncUi.vault.keychain',
      warning: false,
    });
    expect(credentialNote({ kind: 'file' })).toEqual({ key: 'syncUi.vault.file', warning: false });
    for (const fallback of ['basicText', 'unavailable'] as const) {
      const note = credentialNote({ kind: 'file', fallback });
      expect(note.warning).toBe(true);
      for (const locale of ['en-US', 'zh-CN'] as const) {
        // Both languages name the file as the place, never silently.
        expect(tr(locale)(note.key)).toMatch(locale === 'en-US' ? /not in a keychain/ : /文件/);
      }
    }
    expect(tr('en-US')(credentialNote({ kind: 'file', fallback: 'basicText' }).key)).toMatch(
      /KWallet/,
    );
  });
});
