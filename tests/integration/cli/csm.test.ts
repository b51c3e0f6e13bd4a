// The csm command line on a real data folder: demo, search, get, list, rebuild-index,
// export and import, exit codes and one-line errors.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../../main/cli/csm';
import { removeDir, tempDir } from '../../helpers/tempBackend';

const exec = promisify(execFile);
let dir: string;

async function csm(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--data-dir', dir], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = tempDir('csm-cli');
  const demo = await csm('demo', '--accounts', '12', '--seed', '7', '--json');
  expect(demo.code).toBe(0);
});
afterAll(() => removeDir(dir));

describe('csm', () => {
  it('loads demo data at every tier with contacts, contracts, issues and visits', async () => {
    const accounts = JSON.parse((await csm('list', 'account', '--limit', '100', '--json')).out);
    expect(accounts.total).toBe(12);
    const tiers = new Set(accounts.items.map((a: { tier: string }) => a.tier));
    expect(tiers).toEqual(new Set(['strategic', 'ordinary', 'micro']));
    for (const type of [
      'contact',
      'contract',
      'handover',
      'sow',
      'issue',
      'visit',
      'usageReading',
    ]) {
      const page = JSON.parse((await csm('list', type, '--limit', '1', '--json')).out);
      expect([type, page.total > 0]).toEqual([type, true]);
    }
    const names = accounts.items.map((a: { name: string }) => a.name).join(' ');
    expect(names).toMatch(/[\u4e00-\u9fff]/);
    expect(names).toMatch(/[A-Za-z]{4,}/);
  });

  it('gives the same data for the same seed', async () => {
    const other = tempDir('csm-cli-seed');
    try {
      const again = await runCli(['demo', '--accounts', '12', '--seed', '7', '--data-dir', other], {
        out: () => undefined,
        err: () => undefined,
      });
      expect(again).toBe(0);
      const names = async (d: string) => {
        const out: string[] = [];
        await runCli(['list', 'account', '--json', '--limit', '100', '--data-dir', d], {
          out: (l) => out.push(l),
          err: () => undefined,
        });
        return JSON.parse(out.join('\n')).items.map(
          (a: { _id: string; name: string }) => `${a._id} ${a.name}`,
        );
      };
      expect(await names(other)).toEqual(await names(dir));
    } finally {
      removeDir(other);
    }
  });

  it('searches Chinese and English and gets a document by id', async () => {
    const zh = JSON.parse((await csm('search', '续约', '--json')).out);
    expect(zh.hits.length).toBeGreaterThan(0);
    expect(zh.hits[0].snippet).toContain('[[续约]]');
    const en = await csm('search', 'renewal');
    expect(en.code).toBe(0);
    expect(en.out.toLowerCase()).toContain('*renewal*');
    const got = JSON.parse((await csm('get', zh.hits[0].id)).out);
    expect(got._id).toBe(zh.hits[0].id);
  });

  it('lists with filters, sorting and paging', async () => {
    const page = JSON.parse(
      (
        await csm(
          'list',
          'issue',
          '--filter',
          'priority=urgentFault',
          '--filter',
          'status=new,inProgress',
          '--sort',
          'dueDate:desc',
          '--limit',
          '5',
          '--json',
        )
      ).out,
    );
    expect(page.items.length).toBeLessThanOrEqual(5);
    for (const issue of page.items) {
      expect(issue.priority).toBe('urgentFault');
      expect(['new', 'inProgress']).toContain(issue.status);
    }
    const dues = page.items.map((i: { dueDate: string }) => i.dueDate);
    expect([...dues].sort().reverse()).toEqual(dues);
    const next = JSON.parse(
      (
        await csm(
          'list',
          'issue',
          '--filter',
          'priority=urgentFault',
          '--filter',
          'status=new,inProgress',
          '--sort',
          'dueDate:desc',
          '--offset',
          '5',
          '--limit',
          '5',
          '--json',
        )
      ).out,
    );
    expect(next.total).toBe(page.total);
    const firstIds = new Set(page.items.map((i: { _id: string }) => i._id));
    expect(next.items.some((i: { _id: string }) => firstIds.has(i._id))).toBe(false);
  });

  it('filters accounts by consultant', async () => {
    const all = JSON.parse((await csm('list', 'account', '--limit', '100', '--json')).out);
    const consultant = all.items[0].consultant as string;
    const page = JSON.parse(
      (
        await csm(
          'list',
          'account',
          '--filter',
          `consultant=${consultant}`,
          '--limit',
          '100',
          '--json',
        )
      ).out,
    );
    expect(page.total).toBe(
      all.items.filter((a: { consultant: string }) => a.consultant === consultant).length,
    );
    expect(page.items.every((a: { consultant: string }) => a.consultant === consultant)).toBe(true);
  });

  it('rebuilds the index and reports the rate', async () => {
    const result = JSON.parse((await csm('rebuild-index', '--json')).out);
    expect(result.docs).toBeGreaterThan(400);
    expect(result.docsPerSecond).toBeGreaterThan(0);
  });

  it('exports a JSON backup and imports it into an empty store, then again without duplicates', async () => {
    const file = path.join(dir, 'backup.json');
    expect((await csm('export', file)).code).toBe(0);
    const backup = JSON.parse(fs.readFileSync(file, 'utf8'));
    const target = tempDir('csm-cli-import');
    try {
      const run = async (...args: string[]) => {
        const out: string[] = [];
        const code = await runCli([...args, '--data-dir', target, '--json'], {
          out: (l) => out.push(l),
          err: () => undefined,
        });
        return { code, data: JSON.parse(out.join('\n')) };
      };
      const first = await run('import', file);
      expect(first.code).toBe(0);
      expect(first.data.created).toBe(backup.docs.length);
      const second = await run('import', file);
      expect(second.data).toMatchObject({ created: 0, updated: 0, unchanged: backup.docs.length });
      const total = (await run('info')).data.docCount;
      expect(total).toBe(backup.docs.length + 12); // plus one "imported" timeline entry per account
    } finally {
      removeDir(target);
    }
  });

  it('refuses a malformed backup with a clear error and writes nothing', async () => {
    const bad = path.join(dir, 'bad.json');
    expect((await csm('export', bad)).code).toBe(0);
    const good = JSON.parse(fs.readFileSync(bad, 'utf8'));
    const at = good.docs.findIndex((d: { type: string }) => d.type === 'issue');
    good.docs[at] = { ...good.docs[at], priority: 'whenever' };
    fs.writeFileSync(bad, JSON.stringify(good));
    const target = tempDir('csm-cli-bad');
    try {
      const err: string[] = [];
      const code = await runCli(['import', bad, '--data-dir', target], {
        out: () => undefined,
        err: (l) => err.push(l),
      });
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(
        new RegExp(`^error: VALIDATION at backup\\.docs\\.${at}\\.priority: `),
      );
      const info: string[] = [];
      await runCli(['info', '--json', '--data-dir', target], {
        out: (l) => info.push(l),
        err: () => undefined,
      });
      expect(JSON.parse(info.join('\n')).docCount).toBe(0);
      fs.writeFileSync(bad, '{"format": "csm-workbench-backup", "docs": [');
      const notJson = await runCli(['import', bad, '--data-dir', target], {
        out: () => undefined,
        err: (l) => err.push(l),
      });
      expect(notJson).toBe(2);
      expect(err.at(-1)).toMatch(/is not valid JSON/);
    } finally {
      removeDir(target);
    }
  });

  it('answers bad usage with exit code 2 and one line', async () => {
    for (const args of [
      ['frobnicate'],
      ['list', 'spaceship'],
      ['demo'],
      ['demo', '--accounts', 'many'],
      ['list', 'issue', '--filter', 'colour=red'],
      ['get', 'issue:01NOPE:01NOPE'],
    ]) {
      const result = await csm(...args);
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 2]);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(/^error: /);
    }
  });

  it('runs as a real process with the documented exit codes', async () => {
    const tsx = path.join('node_modules', '.bin', 'tsx');
    const ok = await exec(tsx, ['main/cli/csm.ts', 'info', '--json', '--data-dir', dir]);
    expect(JSON.parse(ok.stdout).docCount).toBeGreaterThan(400);
    await expect(
      exec(tsx, ['main/cli/csm.ts', 'list', 'nothing', '--data-dir', dir]),
    ).rejects.toMatchObject({ code: 2 });
  }, 30_000);
});
