// The bulk first pull fetches a page's files in batches by bytes (the stubs' `length`), not count.
import { FILE_BATCH_BYTES, batchesByBytes } from '../../../../main/sync/bulkPull';

type Stub = { stub: true; length: number };
const doc = (
  id: string,
  ...lengths: number[]
): { _id: string; _attachments: Record<string, Stub> } => ({
  _id: id,
  _attachments: Object.fromEntries(lengths.map((length, i) => [`f${i}`, { stub: true, length }])),
});
const ids = (batches: { _id: string }[][]) => batches.map((b) => b.map((d) => d._id));

describe('batchesByBytes', () => {
  it('cuts a batch before it would pass the byte limit', () => {
    const docs = [doc('a', 40), doc('b', 40), doc('c', 30), doc('d', 60), doc('e', 5, 5)];
    expect(ids(batchesByBytes(docs, 100))).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('keeps a file larger than the limit in a batch of its own', () => {
    const docs = [doc('a', 10), doc('big', 500), doc('c', 10)];
    expect(ids(batchesByBytes(docs, 100))).toEqual([['a'], ['big'], ['c']]);
  });

  it('loses and repeats no document, and gives no empty batch', () => {
    const docs = Array.from({ length: 100 }, (_, i) => doc(`d${i}`, 100 * 1024));
    const batches = batchesByBytes(docs);
    expect(batches.flat()).toEqual(docs);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.length).toBe(Math.ceil((100 * 100 * 1024) / FILE_BATCH_BYTES));
    expect(batchesByBytes([])).toEqual([]);
  });
});
