import { mergeUnique } from '../../../shared/util/mergeUnique';

describe('mergeUnique', () => {
  it('merges tables and refuses a name defined twice', () => {
    expect(mergeUnique('method', { a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
    expect(() => mergeUnique('API method', { a: 1 }, { a: 2 })).toThrow(
      'API method a defined twice',
    );
  });
});
