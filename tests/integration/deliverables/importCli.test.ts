// `csm import-xlsx` on a CSM's own messy account list, as a user runs it: the dry run names the
// header row it found and every refused row; --commit writes nothing while a row is refused;
// --commit --skip-invalid writes the valid rows (account, contract, contact linked) and lists
// those left out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TODAY } from '../../helpers/clock';
import { openBackend, removeDir, tempDir } from '../../helpers/tempBackend';
import { EXPECTED, messyAccountList } from '../../fixtures/import/messyWorkbook';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '../../..');
let dataDir: string;
let file: string;

function csm(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['main/cli/csm.ts', ...args, '--data-dir', dataDir],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CSM_TODAY: TODAY } },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dataDir = tempDir('import-cli');
  file = path.join(dataDir, '..', `${path.basename(dataDir)}-客户台账.xlsx`);
  fs.writeFileSync(file, new Uint8Array(await messyAccountList()));
});

afterAll(() => {
  removeDir(dataDir);
  fs.rmSync(file, { force: true });
});

it('dry run: the header found on row 3, the mapping, the merge and each refused row', () => {
  const r = csm('import-xlsx', 'accounts', file);
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('sheet "客户台账" (of 客户台账), header row 3 (found), 8 data rows');
  expect(r.stdout).toMatch(/contract\.amount\s+<- 合同金额/);
  expect(r.stdout).toMatch(/contact\.name\s+<- 决策人/);
  expect(r.stdout).toContain('row 8: account "东方精工" same as row 4; merged into one');
  expect(r.stdout).toContain('4 of 8 rows valid, 4 refused');
  expect(r.stdout).toContain('row 9 [客户等级]: "VIP" is not one of the allowed values');
  expect(r.stdout).toContain('row 10 [合同金额]: Formula without a calculated value (=F5*2)');
  expect(r.stdout).toContain(`row 11 [开始日期]: Not a valid date: ${TODAY.slice(0, 4)}-02-30`);
  expect(r.stdout).toContain('row 12 [合同编号]: Duplicate of row 4');
  expect(r.stderr).toContain('(dry run)');
});

it('--commit writes nothing while a row is refused; --skip-invalid writes the rest', async () => {
  const refused = csm('import-xlsx', 'accounts', file, '--commit');
  expect(refused.code).toBe(2);
  expect(refused.stdout).toContain('nothing written');
  const usage = csm('import-xlsx', 'accounts', file, '--skip-invalid');
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('--skip-invalid goes with --commit');

  const r = csm('import-xlsx', 'accounts', file, '--commit', '--skip-invalid');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(
    'created 10, updated 0, unchanged 0 (20 documents and timeline entries, all or nothing)',
  );
  expect(r.stdout).toContain('left out 4 refused rows:');
  for (const row of Object.keys(EXPECTED.refused)) expect(r.stdout).toContain(`  row ${row}: `);

  const b = await openBackend(dataDir);
  try {
    const accounts = (await b.call('account.list', { limit: 50 })).items;
    expect(accounts.map((a) => a.name).sort()).toEqual([...EXPECTED.accounts].sort());
    const dongfang = accounts.find((a) => a.name === '东方精工')!;
    const contracts = (await b.call('contract.list', { accountId: dongfang._id, limit: 50 })).items;
    expect(contracts.map((c) => c.contractNo).sort()).toEqual(['HT-001', 'HT-004']);
    const contacts = (await b.call('contact.list', { accountId: dongfang._id, limit: 50 })).items;
    expect(contacts.map((c) => c.name)).toEqual(['钱多多']);
  } finally {
    await b.close();
  }
});
