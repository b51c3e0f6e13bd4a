// The rules that tell a damaged store from a healthy one, before and after LevelDB opens it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { damageAfterOpen, damageBeforeOpen, keepAsFound } from '../../../../main/store/damage';

const record = { identity: 'A', checkpoint: 100, docs: 80, docsSeq: 100 };

describe('damageAfterOpen', () => {
  it('trusts a store at or past its projection with the documents it recorded', () => {
    expect(damageAfterOpen({ identity: 'A', docCount: 80, updateSeq: 100 }, record)).toBeNull();
    // Three later sequences may have deleted three documents.
    expect(damageAfterOpen({ identity: 'A', docCount: 77, updateSeq: 103 }, record)).toBeNull();
    expect(damageAfterOpen({ identity: 'A', docCount: 0, updateSeq: 0 }, null)).toBeNull();
  });

  it('refuses a store behind its projection or with fewer documents than allowed', () => {
    expect(damageAfterOpen({ identity: 'A', docCount: 80, updateSeq: 99 }, record)).toMatch(
      /sequence 99 .* had seen 100/,
    );
    expect(damageAfterOpen({ identity: 'A', docCount: 76, updateSeq: 103 }, record)).toMatch(
      /holds 76 documents .* recorded 80/,
    );
  });

  it('refuses a store that lost its identity, rebuilds for another store', () => {
    expect(damageAfterOpen({ identity: null, docCount: 0, updateSeq: 1 }, record)).toMatch(
      /lost its identity/,
    );
    expect(
      damageAfterOpen({ identity: null, docCount: 0, updateSeq: 0 }, { ...record, docs: null }),
    ).toMatch(/lost its identity/);
    expect(damageAfterOpen({ identity: 'B', docCount: 0, updateSeq: 1 }, record)).toBeNull();
  });
});

describe('damageBeforeOpen and keepAsFound', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'damage-unit-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses LevelDB files without a CURRENT naming an existing manifest', () => {
    const db = path.join(dir, 'workbench.pouch');
    expect(damageBeforeOpen(db)).toBeNull();
    fs.mkdirSync(db);
    expect(damageBeforeOpen(db)).toBeNull();
    fs.writeFileSync(path.join(db, '000005.ldb'), 'x');
    expect(damageBeforeOpen(db)).toMatch(/CURRENT file is missing/);
    fs.writeFileSync(path.join(db, 'CURRENT'), 'MANIFEST-000004\n');
    expect(damageBeforeOpen(db)).toMatch(/missing or invalid manifest/);
    fs.writeFileSync(path.join(db, 'MANIFEST-000004'), 'm');
    expect(damageBeforeOpen(db)).toBeNull();
  });

  it('keeps the files as found even when the originals are deleted', () => {
    const db = path.join(dir, 'workbench.pouch');
    fs.mkdirSync(db);
    fs.writeFileSync(path.join(db, '000003.log'), 'records');
    const kept = keepAsFound(db)!;
    fs.rmSync(path.join(db, '000003.log'));
    expect(fs.readFileSync(path.join(kept, '000003.log'), 'utf8')).toBe('records');
  });
});
