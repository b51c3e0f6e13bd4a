// Damage is never silent: a deleted CURRENT, a torn LevelDB log and a damaged projection after
// a clean shutdown. Bounds: one 12-account demo store (about 500 documents) per test, 60 s each.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../main/cli/csm';
import { StoreDamagedError } from '../../main/store/damage';
import { pouchLocation } from '../../main/store/pouch';
import { listing, openAt, pouchIds, seededStore, tempDir } from './helpers';

jest.setTimeout(60_000);

let dir: string;
let ids: Set<string>;
beforeEach(async () => {
  dir = tempDir('fault-damage');
  ids = await seededStore(dir, 12);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

/** The newest LevelDB log file (the write-ahead log of recent writes). */
function newestLog(): string {
  const location = pouchLocation(dir);
  const logs = fs.readdirSync(location).filter((f) => f.endsWith('.log') && f !== 'LOG');
  logs.sort();
  return path.join(location, logs[logs.length - 1]);
}

async function expectRepairRecoversAll(): Promise<void> {
  const repaired = await cli('repair', '--json');
  expect(repaired.code).toBe(0);
  const report = JSON.parse(repaired.out.join('\n'));
  expect(fs.existsSync(report.copiedTo)).toBe(true);
  expect(report.total).toBe(ids.size);
  expect(report.fromLevelDb + report.fromProjection).toBeGreaterThanOrEqual(ids.size);
  const after = await pouchIds(dir);
  expect([...ids].filter((id) => !after.has(id))).toEqual([]);
  const backend = await openAt(dir);
  try {
    expect((await backend.call('system.info', {})).projection.docs).toBe(ids.size);
  } finally {
    await backend.close();
  }
}

describe('a damaged store', () => {
  it('with its CURRENT file deleted is refused, kept as found, and repaired', async () => {
    expect(ids.size).toBeGreaterThan(300);
    fs.rmSync(path.join(pouchLocation(dir), 'CURRENT'));
    const before = listing(dir);
    await expect(openAt(dir)).rejects.toThrow(StoreDamagedError);
    const refused = await cli('info');
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/damaged.*CURRENT.*csm repair/)]);
    expect(listing(dir)).toEqual(before);
    await expectRepairRecoversAll();
  });

  it('with the tail of its log torn is refused, not opened smaller, and repaired', async () => {
    const log = newestLog();
    const size = fs.statSync(log).size;
    expect(size).toBeGreaterThan(100);
    fs.truncateSync(log, size - 100);
    // LevelDB drops the torn record and the log behind it: the store then holds less than
    // its index saw, and says so instead of opening smaller.
    const reasons: string[] = [];
    await expect(openAt(dir, reasons)).rejects.toThrow(/damaged \(the store is at sequence/);
    expect(reasons).toEqual([]);
    await expectRepairRecoversAll();
  });

  it('is recovered from the projection when LevelDB lost documents', async () => {
    // Drop every table file and log: LevelDB's repair then finds nothing.
    const location = pouchLocation(dir);
    for (const f of fs.readdirSync(location)) {
      if (/\.(ldb|log)$/.test(f) && f !== 'LOG') fs.rmSync(path.join(location, f));
    }
    await expect(openAt(dir)).rejects.toThrow(StoreDamagedError);
    const repaired = await cli('repair', '--json');
    expect(repaired.code).toBe(0);
    const report = JSON.parse(repaired.out.join('\n'));
    expect(report.fromProjection).toBe(ids.size - report.fromLevelDb);
    expect(report.total).toBe(ids.size);
  });
});

describe('a store lost with its projection', () => {
  it('is refused and restored from a backup by `csm repair --backup`', async () => {
    const backupFile = path.join(dir, 'backup.json');
    expect((await cli('export', backupFile)).code).toBe(0);
    const location = pouchLocation(dir);
    for (const f of fs.readdirSync(location)) {
      if (/\.(ldb|log)$/.test(f) && f !== 'LOG') fs.rmSync(path.join(location, f));
    }
    fs.rmSync(path.join(dir, 'projection.sqlite'));
    const refused = await cli('info');
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/damaged/)]);
    const repaired = await cli('repair', '--backup', backupFile, '--json');
    expect(repaired.code).toBe(0);
    const report = JSON.parse(repaired.out.join('\n'));
    expect(report).toMatchObject({ fromProjection: 0, total: ids.size });
    expect(report.fromBackup).toBe(ids.size - report.fromLevelDb);
    const after = await pouchIds(dir);
    expect([...ids].filter((id) => !after.has(id))).toEqual([]);
  });
});

describe('a damaged projection after a clean shutdown', () => {
  it('is detected on open and rebuilt from PouchDB with a line saying so', async () => {
    const file = path.join(dir, 'projection.sqlite');
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'clean'").get()).toEqual({ value: '1' });
    const pages = db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'search_data' AND pagetype = 'leaf'")
      .all() as { pageno: number }[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    expect(pages.length).toBeGreaterThan(0);
    const fd = fs.openSync(file, 'r+');
    const junk = new Uint8Array(pageSize).fill(0x5a);
    for (const { pageno } of pages) fs.writeSync(fd, junk, 0, pageSize, (pageno - 1) * pageSize);
    fs.closeSync(fd);
    const reasons: string[] = [];
    const backend = await openAt(dir, reasons);
    try {
      expect(reasons).toEqual([expect.stringMatching(/^corrupt/)]);
      const hits = await backend.call('search.query', { q: '续约' });
      expect(hits.hits.length).toBeGreaterThan(0);
      expect((await backend.call('system.info', {})).projection.docs).toBe(ids.size);
    } finally {
      await backend.close();
    }
  });
});
