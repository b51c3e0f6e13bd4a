// One value per industry (issue 13): 金融 and Finance are the same industry.
import { INDUSTRIES, normaliseIndustry } from '../../../../shared/rules/industry';
import { entities } from '../../../../shared/domain/entities';
import { enumOfField } from '../../../../shared/domain/entities/fieldEnums';
import { enumLabel } from '../../../../shared/i18n/enumLabel';
import { t } from '../../../../shared/i18n';

describe('normaliseIndustry', () => {
  it('stores a known industry as its code, in either language and any case', () => {
    expect(normaliseIndustry('金融')).toBe('finance');
    expect(normaliseIndustry(' Finance ')).toBe('finance');
    expect(normaliseIndustry('FINANCE')).toBe('finance');
    expect(normaliseIndustry('制造业')).toBe('manufacturing');
  });

  it('keeps any other text as typed, trimmed, and nothing as nothing', () => {
    expect(normaliseIndustry(' 新能源 ')).toBe('新能源');
    expect(normaliseIndustry('')).toBeUndefined();
    expect(normaliseIndustry(null)).toBeUndefined();
  });

  it('is applied by the account schema on every write', () => {
    const parsed = entities.account.input.parse({
      name: '甲方',
      tier: 'ordinary',
      ownerCsm: 'li.na',
      industry: 'Finance',
    });
    expect(parsed.industry).toBe('finance');
  });

  it('names every code in both languages through the one label set', () => {
    for (const code of INDUSTRIES) {
      const zh = enumLabel((k) => t('zh-CN', k), 'industry', code);
      const en = enumLabel((k) => t('en-US', k), 'industry', code);
      expect(normaliseIndustry(zh)).toBe(code);
      expect(normaliseIndustry(en)).toBe(code);
    }
    // Text that is not a known industry is shown as stored.
    expect(enumLabel((k) => t('zh-CN', k), 'industry', '新能源')).toBe('新能源');
  });
});

describe('enumOfField (readable snippets)', () => {
  it('finds the enum of a stored value by field and type', () => {
    expect(enumOfField('account', 'tier', 'micro')).toBe('tier');
    expect(enumOfField('issue', 'status', 'inProgress')).toBe('issueStatus');
    expect(enumOfField('visit', 'status', 'done')).toBe('visitStatus');
    expect(enumOfField('contact', 'roles', 'decisionMaker')).toBe('contactRole');
  });

  it('leaves text that is not one of the values alone', () => {
    expect(enumOfField('account', 'tier', '战略客户')).toBeNull();
    expect(enumOfField('account', 'name', 'micro')).toBeNull();
  });
});
