import {
  applyChoices,
  canonical,
  commonAncestor,
  mergeVersions,
  revisionHistory,
} from '../../../../shared/domain/merge';

const base = {
  _id: 'issue:K:1',
  _rev: '1-a',
  title: 'Login fails',
  status: 'new',
  tags: ['a'],
  updatedBy: 'mona',
};

describe('mergeVersions', () => {
  it('takes each side’s change when they changed different fields', () => {
    const ours = { ...base, _rev: '2-b', title: 'Login fails on SSO', updatedBy: 'alice' };
    const theirs = { ...base, _rev: '2-c', status: 'inProgress', owner: 'bob', updatedBy: 'bob' };
    const result = mergeVersions(base, [ours, theirs]);
    expect(result.clashes).toEqual([]);
    expect(result.merged).toEqual({
      title: 'Login fails on SSO',
      status: 'inProgress',
      owner: 'bob',
      tags: ['a'],
    });
  });

  it('reports a clash when both sides changed a field differently', () => {
    const ours = { ...base, title: 'A' };
    const theirs = { ...base, title: 'B', status: 'fixed' };
    const result = mergeVersions(base, [ours, theirs]);
    expect(result.clashes).toEqual(['title']);
    expect(result.fields.find((f) => f.field === 'title')).toMatchObject({
      base: 'Login fails',
      values: ['A', 'B'],
      clash: true,
    });
    expect(result.merged.status).toBe('fixed');
  });

  it('treats the same change on both sides, and a removal on one side, as no clash', () => {
    const ours = { ...base, title: 'Same', tags: undefined };
    const theirs = { ...base, title: 'Same' };
    const result = mergeVersions(base, [ours, theirs]);
    expect(result.clashes).toEqual([]);
    expect(result.merged.title).toBe('Same');
    expect('tags' in result.merged).toBe(false);
  });

  it('compares objects by value whatever their key order', () => {
    const ours = { ...base, reference: { a: 1, b: 2 } };
    const theirs = { ...base, reference: { b: 2, a: 1 } };
    expect(mergeVersions(base, [ours, theirs]).clashes).toEqual([]);
    expect(canonical({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
  });

  it('without a known ancestor, every disagreement is a clash', () => {
    const result = mergeVersions(null, [
      { title: 'A', status: 'new' },
      { title: 'B', status: 'new' },
    ]);
    expect(result.clashes).toEqual(['title']);
    expect(result.merged.status).toBe('new');
  });

  it('merges three versions and finds clashes among any two of them', () => {
    const result = mergeVersions(base, [
      { ...base, title: 'A' },
      { ...base, status: 'fixed' },
      { ...base, title: 'C' },
    ]);
    expect(result.clashes).toEqual(['title']);
    expect(result.merged.status).toBe('fixed');
  });

  it('never merges who wrote a revision', () => {
    const result = mergeVersions(base, [
      { ...base, updatedBy: 'alice', updatedAt: 'x' },
      { ...base, updatedBy: 'bob', updatedAt: 'y' },
    ]);
    expect(result.clashes).toEqual([]);
    expect(result.merged).not.toHaveProperty('updatedBy');
    expect(result.merged).not.toHaveProperty('_rev');
  });
});

describe('applyChoices', () => {
  const versions = [
    { ...base, title: 'A', status: 'fixed' },
    { ...base, title: 'B', priority: 'high' },
  ];
  const result = mergeVersions(base, versions);

  it('takes the chosen version’s value for each clash and keeps the automatic merge', () => {
    const { merged, undecided } = applyChoices(result, versions, { title: 1 });
    expect(undecided).toEqual([]);
    expect(merged).toMatchObject({ title: 'B', status: 'fixed', priority: 'high' });
  });

  it('lists clashes left undecided', () => {
    expect(applyChoices(result, versions, {}).undecided).toEqual(['title']);
    expect(applyChoices(result, versions, { title: 5 }).undecided).toEqual(['title']);
  });

  it('lets a choice override an automatic merge, including removing a field', () => {
    const { merged } = applyChoices(result, versions, { title: 0, priority: 0 });
    expect(merged).not.toHaveProperty('priority');
  });
});

describe('revision histories', () => {
  it('lists a history newest first and finds the newest shared revision', () => {
    const a = revisionHistory({ start: 3, ids: ['c', 'b', 'a'] });
    expect(a).toEqual(['3-c', '2-b', '1-a']);
    const b = revisionHistory({ start: 2, ids: ['x', 'a'] });
    expect(commonAncestor([a, b])).toBe('1-a');
    expect(commonAncestor([a, ['2-y', '1-z']])).toBeNull();
    expect(commonAncestor([a, revisionHistory({ start: 3, ids: ['d', 'b', 'a'] })])).toBe('2-b');
  });
});

describe('keyed lists', () => {
  const visit = {
    purpose: 'Quarterly review',
    actionItems: [
      { key: 'a1', title: 'Send minutes', done: false },
      { key: 'a2', title: 'Book training', done: false },
    ],
  };

  it('merges items added, changed and removed on different sides', () => {
    const alice = {
      ...visit,
      actionItems: [
        { key: 'a1', title: 'Send minutes', done: true },
        { key: 'a2', title: 'Book training', done: false },
        { key: 'a3', title: 'Check SSO', done: false },
      ],
    };
    const bob = {
      ...visit,
      actionItems: [
        { key: 'a1', title: 'Send minutes to 李娜', done: false },
        { key: 'a4', title: 'Renewal call', done: false },
      ],
    };
    const result = mergeVersions(visit, [alice, bob]);
    expect(result.clashes).toEqual([]);
    expect(result.merged.actionItems).toEqual([
      { key: 'a1', title: 'Send minutes to 李娜', done: true },
      { key: 'a3', title: 'Check SSO', done: false },
      { key: 'a4', title: 'Renewal call', done: false },
    ]);
  });

  it('is a clash when an item changes differently, or is removed on one side and changed on the other', () => {
    const done = {
      ...visit,
      actionItems: [{ ...visit.actionItems[0], done: true }, visit.actionItems[1]],
    };
    const renamed = {
      ...visit,
      actionItems: [{ ...visit.actionItems[0], done: false, title: 'x' }],
    };
    expect(mergeVersions(visit, [done, renamed]).clashes).toEqual([]);
    const removed = { ...visit, actionItems: [visit.actionItems[1]] };
    expect(mergeVersions(visit, [done, removed]).clashes).toEqual(['actionItems']);
    const otherTitle = {
      ...visit,
      actionItems: [{ ...visit.actionItems[0], title: 'y' }, visit.actionItems[1]],
    };
    expect(mergeVersions(visit, [renamed, otherTitle]).clashes).toEqual(['actionItems']);
  });

  it('treats lists without unique keys as plain values', () => {
    const base = { tags: ['a'] };
    expect(mergeVersions(base, [{ tags: ['a', 'b'] }, { tags: ['a', 'c'] }]).clashes).toEqual([
      'tags',
    ]);
  });
});
