// Excel import (issue 14): commit throughput of a CSM's account list (title row, header on row 3,
// one account with its contract and decision maker per row: three documents and three timeline
// entries a row), against a bare PouchDB bulkDocs of the same documents in the same run (a new
// PouchDB each round on the store's leveldown, so synced as the import's writes are, batches of
// 1,000 as the import's: no planning, validation nor projection).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Backend } from '../main/backend';
import { loadDemo } from '../main/demo/load';
import { openPouch } from '../main/store/pouch';
import type { WriteDoc } from '../main/store/store';
import { clockFromEnv } from '../shared/time/clock';
import { addDays } from '../shared/time/days';
import { percentile, type BenchResult, type BenchSuite } from './harness';

const clock = clockFromEnv(process.env);
const TODAY = clock.today();
const ROWS = 1000;
const ROUNDS = 3;

async function accountList(round: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户台账');
  ws.addRow(['华东区客户清单']);
  ws.mergeCells('A1:K1');
  ws.addRow([]);
  ws.addRow([
    '客户名称',
    '客户等级',
    '负责CSM',
    '行业',
    '合同编号',
    '合同金额（万元）',
    '开始日期',
    '到期日期',
    '决策人',
    '职务',
    '手机',
  ]);
  for (let i = 0; i < ROWS; i++) {
    const [y, m, d] = addDays(TODAY, -(i % 300))
      .split('-')
      .map(Number);
    ws.addRow([
      `导入客户${round}-${i}`,
      ['战略', '普通', '小微'][i % 3],
      ['zhang.wei', 'li.na'][i % 2],
      ['制造', '零售', '医疗'][i % 3],
      `HT-${round}-${i}`,
      10 + (i % 90),
      `${y}年${m}月${d}日`,
      addDays(TODAY, 65 + (i % 300)),
      `联系人${i}`,
      'CIO',
      `138${String(i).padStart(8, '0')}`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const suite: BenchSuite = async ({ workDir, log }) => {
  const importer = await Backend.open({
    dataDir: path.join(workDir, 'import'),
    user: 'bench',
    clock,
  });
  try {
    // A store that already holds accounts: every row is checked against them for duplicates.
    log('loading 200 demo accounts into the importing store');
    await loadDemo(importer.ctx.store, 200, { seed: 3, today: TODAY, user: 'bench' });
    const importTimes: number[] = [];
    const bareTimes: number[] = [];
    const previewTimes: number[] = [];
    let written = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const fileBase64 = await accountList(round);
      let start = performance.now();
      await importer.call('import.preview', { kind: 'accounts', fileBase64 });
      previewTimes.push(performance.now() - start);
      start = performance.now();
      const result = await importer.call('import.commit', { kind: 'accounts', fileBase64 });
      importTimes.push(performance.now() - start);
      written = result.written;
      // The same documents (and timeline entries), written bare into a new PouchDB.
      const accounts = new Set(result.ids.filter((id) => id.startsWith('account:')));
      const docs: WriteDoc[] = [];
      for (const accountId of accounts) {
        for (const doc of importer.ctx.queries.accountDocs(accountId)) {
          const { _rev: _r, ...body } = doc as Record<string, unknown> & { _rev?: string };
          docs.push(body as WriteDoc);
        }
      }
      if (docs.length !== result.written)
        throw new Error(`read back ${docs.length} documents, the import wrote ${result.written}`);
      const bareDir = path.join(workDir, `bare-${round}`);
      fs.mkdirSync(bareDir, { recursive: true });
      const bare = openPouch(bareDir);
      try {
        start = performance.now();
        for (let i = 0; i < docs.length; i += 1000) {
          await bare.bulkDocs(docs.slice(i, i + 1000) as PouchDB.Core.PutDocument<object>[]);
        }
        bareTimes.push(performance.now() - start);
      } finally {
        await bare.destroy();
      }
      log(
        `round ${round + 1}: ${ROWS} rows (${docs.length} documents) import ${Math.round(importTimes[round])} ms, preview ${Math.round(previewTimes[round])} ms, bare bulkDocs ${Math.round(bareTimes[round])} ms`,
      );
    }
    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));
    const importRate = rate(ROWS, med(importTimes));
    const bareRate = rate(ROWS, med(bareTimes));
    const importDocs = rate(written, med(importTimes));
    const bareDocs = rate(written, med(bareTimes));
    const results: BenchResult[] = [
      {
        name: 'import.commitRows',
        unit: 'rows/s',
        value: importRate,
        samples: ROUNDS,
        baseline: {
          name: 'bare PouchDB bulkDocs of the same documents, synced (rows/s)',
          value: bareRate,
          ratio: Math.round((importRate / bareRate) * 100) / 100,
        },
        note: `${ROWS} account rows, each an account, a contract and a contact (${written} documents with timeline entries) on the bulk path; median of ${ROUNDS}; includes reading the .xlsx and checking every row against 200+ stored accounts`,
      },
      {
        name: 'import.commitDocs',
        unit: 'docs/s',
        value: importDocs,
        samples: ROUNDS,
        aim: '>= 15000 docs/s and >= 0.5x bare bulkDocs',
        baseline: {
          name: 'bare PouchDB bulkDocs of the same documents, synced (docs/s)',
          value: bareDocs,
          ratio: Math.round((importDocs / bareDocs) * 100) / 100,
        },
        note: `${written} documents a round (timeline entries included), the whole commit (reading, checking, writing, projection) against the bulkDocs alone`,
      },
      {
        name: 'import.previewRows',
        unit: 'rows/s',
        value: rate(ROWS, med(previewTimes)),
        samples: ROUNDS,
        note: 'the dry run (read, find the header, map, check every row; writes nothing)',
      },
    ];
    return results;
  } finally {
    await importer.close();
  }
};

export default suite;
