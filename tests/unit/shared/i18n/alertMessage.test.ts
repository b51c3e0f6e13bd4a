// An alert's words: a never-contacted account has no day count to show.
import { t } from '../../../../shared/i18n';
import { alertMessage } from '../../../../shared/i18n/alertMessage';

describe('alertMessage', () => {
  const en = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t('en-US', k, p);
  const zh = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t('zh-CN', k, p);

  it('says how many days since the last contact', () => {
    const a = { rule: 'noContact', params: { days: 45, cadence: 30 } };
    expect(alertMessage(en, a)).toBe('No contact for 45 days (cadence 30 days)');
    expect(alertMessage(zh, a)).toBe('已 45 天未联系（节奏要求 30 天）');
  });

  it('says "no contact on record" for an account never contacted, never "-1 days"', () => {
    const a = { rule: 'noContact', params: { days: -1, cadence: 30 } };
    expect(alertMessage(en, a)).toBe('No contact on record (cadence 30 days)');
    expect(alertMessage(zh, a)).toBe('没有联系记录（节奏要求 30 天）');
  });

  it('translates a key person role', () => {
    const a = { rule: 'keyPersonLeft', params: { name: 'Li', role: 'champion', leftOn: 'x' } };
    expect(alertMessage(en, a)).toBe('Li (Champion) left on x');
  });
});
