import {
  queryTerms,
  snippet,
  toIndexText,
  toMatchQuery,
} from '../../../../main/projection/tokenize';

describe('CJK tokenising for FTS5', () => {
  it('indexes Chinese runs as overlapping bigrams plus the last character', () => {
    expect(toIndexText('客户续约').trim()).toBe('客户 户续 续约 约');
    expect(toIndexText('CRM系统上线').replace(/\s+/g, ' ').trim()).toBe('CRM 系统 统上 上线 线');
  });

  it('leaves text without CJK alone', () => {
    expect(toIndexText('Renewal planning')).toBe('Renewal planning');
  });

  it('queries a two-character word as one bigram, longer words as a phrase', () => {
    expect(toMatchQuery('续约')).toBe('"续约"');
    expect(toMatchQuery('报表功能')).toBe('"报表 表功 功能"');
    expect(toMatchQuery('renewal 续约')).toBe('"renewal"* AND "续约"');
    expect(toMatchQuery('约')).toBe('"约"*');
  });

  it('neutralises FTS syntax in user input', () => {
    expect(toMatchQuery('a" OR b')).toBe('"a"* AND "or"* AND "b"*');
    expect(toMatchQuery('  ,;  ')).toBeNull();
  });

  it('splits queries into terms', () => {
    expect(queryTerms('续约 Renewal-plan')).toEqual(['续约', 'renewal', 'plan']);
  });

  it('highlights every match in a window around the first', () => {
    expect(snippet('客户希望在续约前确认报表功能', ['续约'])).toBe(
      '客户希望在[[续约]]前确认报表功能',
    );
    const long = `${'很长的背景说明。'.repeat(20)}续约价格${'后续安排。'.repeat(20)}`;
    const s = snippet(long, ['续约'], 40);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('[[续约]]');
  });
});
