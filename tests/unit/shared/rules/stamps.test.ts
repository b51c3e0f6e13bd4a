import { stampEntries, type Stamp } from '../../../../shared/rules/stamps';

const stamp: Stamp = { by: 'zhang.wei', at: '2026-03-04T05:06:07.000Z' };
const saved = { key: 'c1', text: '已远程复现', by: 'li.na', at: '2026-03-01T08:00:00.000Z' };

describe('stampEntries', () => {
  it('stamps a new comment and keeps the author and time of a saved one', () => {
    const fields = stampEntries(
      'issue',
      { comments: [saved] },
      {
        title: 'x',
        comments: [
          { ...saved, by: 'forged', at: '2000-01-01T00:00:00.000Z' },
          { key: 'c2', text: '等待研发排期', by: 'forged' },
        ],
      },
      stamp,
    );
    expect(fields).toEqual({
      title: 'x',
      comments: [saved, { key: 'c2', text: '等待研发排期', ...stamp }],
    });
  });

  it('stamps the comments of a new issue', () => {
    expect(stampEntries('issue', null, { comments: [{ key: 'a', text: 't' }] }, stamp)).toEqual({
      comments: [{ key: 'a', text: 't', ...stamp }],
    });
  });

  it('stamps a signature the write adds or changes, keeps one left as stored', () => {
    const sales = { by: 'wang.fang', at: '2026-03-02T09:00:00.000Z' };
    expect(
      stampEntries('handover', { signOff: { sales } }, { signOff: { sales, csm: {} } }, stamp),
    ).toEqual({ signOff: { sales, csm: stamp } });
    expect(
      stampEntries('handover', { signOff: { sales } }, { signOff: { sales: { by: 'x' } } }, stamp),
    ).toEqual({ signOff: { sales: stamp } });
    // A signature taken off stays off.
    expect(stampEntries('handover', { signOff: { sales } }, { signOff: {} }, stamp)).toEqual({
      signOff: {},
    });
  });

  it('leaves other types and writes without those fields as they are', () => {
    const fields = { title: 'x', comments: [{ key: 'a', text: 't' }] };
    expect(stampEntries('task', null, fields, stamp)).toBe(fields);
    expect(stampEntries('issue', null, { title: 'x' }, stamp)).toEqual({ title: 'x' });
  });
});
