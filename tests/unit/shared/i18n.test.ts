import { localeFromSystem, t } from '../../../shared/i18n';
import { enUS } from '../../../shared/i18n/en-US';
import { zhCN } from '../../../shared/i18n/zh-CN';

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, text] of Object.entries(enUS))
      expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('fills parameters and keeps unknown ones visible', () => {
    expect(t('zh-CN', 'error.notFound', { id: 'issue:1' })).toBe('找不到 issue:1');
    expect(t('en-US', 'error.notFound', { id: 'issue:1' })).toBe('issue:1 was not found');
    expect(t('en-US', 'error.notFound')).toBe('{id} was not found');
  });

  it('treats inherited names as no key and no parameter', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(t('en-US', name as 'error.notFound')).toBe(name);
    }
    expect(t('en-US', 'error.unknownMethod', {})).toBe('Unknown method {method}');
  });

  it('follows the system language', () => {
    expect(localeFromSystem('zh-Hans-CN')).toBe('zh-CN');
    expect(localeFromSystem('zh_CN.UTF-8')).toBe('zh-CN');
    expect(localeFromSystem('en-GB')).toBe('en-US');
    expect(localeFromSystem(undefined)).toBe('en-US');
  });
});
