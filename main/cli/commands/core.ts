// The `csm` commands. Each opens the same backend the desktop app uses, without Electron.
import fs from 'node:fs';
import { ENTITY_TYPES, isEntityType } from '../../../shared/domain/entities';
import { backupFileSchema, type ListFilters, type SortField } from '../../../shared/api/contract';
import { ApiFailure } from '../../../shared/api/errors';
import { clockFromEnv, type Clock } from '../../../shared/time/clock';
import { parseBoundedJson } from '../../api/inputLimits';
import { Backend } from '../../backend';
import { defaultDataDir } from '../../paths';
import { positiveInt, UsageError, type ParsedArgs } from '../args';
import { checkOutputFile, writeOutputFile } from '../outputPath';
import { print, progressPrinter, type Output } from '../output';
import type { Command } from './command';
import { listRequirements } from './requirements';

type Args = ParsedArgs;

/** Lines of a long report a person sees; --json has every one. */
const PAGE = 50;
/** The clock, pinned by CSM_TODAY; a malformed value is bad usage (exit 2), never ignored. */
export function cliClock(env: Record<string, string | undefined> = process.env): Clock {
  try {
    return clockFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function withBackend<T>(
  args: Args,
  o: Output,
  job: (b: Backend) => Promise<T>,
): Promise<T> {
  const values = args.values as Record<string, unknown>;
  const dataDir = (values['data-dir'] as string | undefined) ?? defaultDataDir();
  const clock = cliClock();
  const backend = await Backend.open({
    dataDir,
    // Without --user the backend takes $CSM_USER, the remembered identity, then the OS login.
    clock,
    user: values.user as string | undefined,
    onRebuild: (reason) => o.err(`rebuilding the local index (${reason})`),
    onProgress: (
      (show) => (p: { done: number; total: number }) =>
        show(p.done, p.total)
    )(progressPrinter(o, 'indexing')),
  });
  try {
    return await job(backend);
  } finally {
    await backend.close();
  }
}

export function needPositional(args: Args, index: number, name: string): string {
  const value = args.positionals[index];
  if (!value) throw new UsageError(`missing ${name}`);
  return value;
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

const FILTER_NAMES = [
  'ownerCsm',
  'consultant',
  'tier',
  'lifecycleStage',
  'riskLevel',
  'industry',
  'region',
  'status',
  'priority',
  'owner',
  'dateFrom',
  'dateTo',
  'dueBefore',
  'renewalBefore',
  'q',
];

export const coreCommands: Record<string, Command> = {
  demo: {
    usage: 'demo --accounts N [--seed S]   load realistic bilingual demo data',
    options: { accounts: { type: 'string' }, seed: { type: 'string' } },
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const accounts = positiveInt(args.values.accounts as string | undefined, 'accounts');
        const seed = positiveInt(args.values.seed as string | undefined, 'seed', 1);
        const started = performance.now();
        // Loaded by the commands that use them only, so every other command starts faster.
        const { loadDemo } = await import('../../demo/load');
        const report = await loadDemo(
          b.ctx.store,
          accounts,
          { seed, today: b.ctx.clock.today(), user: b.actor().login },
          progressPrinter(o, 'demo'),
        );
        const ms = Math.round(performance.now() - started);
        print(o, { ...report, ms }, () => [
          `loaded ${report.accounts} accounts (${report.docs} documents) in ${ms} ms`,
        ]);
      }),
  },
  search: {
    usage:
      'search TEXT [--type T] [--account ID] [--limit N]   full-text search (Chinese and English)',
    options: {
      type: { type: 'string', multiple: true },
      account: { type: 'string' },
      limit: { type: 'string' },
    },
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const q = args.positionals.join(' ').trim();
        if (!q) throw new UsageError('missing TEXT');
        const types = args.values.type as string[] | undefined;
        const result = await b.call('search.query', {
          q,
          types: types as never,
          accountId: args.values.account as string | undefined,
          limit: positiveInt(args.values.limit as string | undefined, 'limit', 20),
        });
        print(o, result, () =>
          result.hits.length
            ? result.hits.map(
                (h) =>
                  `${h.type.padEnd(12)} ${h.id}  ${h.accountName}  ${h.snippet.replace(/\[\[|\]\]/g, '*')}`,
              )
            : ['no matches'],
        );
      }),
  },
  get: {
    usage: 'get ID   one document as JSON',
    options: {},
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const id = needPositional(args, 0, 'ID');
        const type = id.split(':')[0];
        if (!isEntityType(type)) throw new UsageError(`"${id}" is not a workbench id`);
        const doc =
          type === 'requirement'
            ? (await b.call('requirements.get', { id })).requirement
            : await b.call(`${type}.get` as 'account.get', { id });
        o.out(JSON.stringify(doc, null, 2));
      }),
  },
  list: {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `list TYPE [--account ID] [--filter NAME=VALUE ...] [--sort FIELD[:desc]] [--offset N] [--limit N]
      types: ${ENTITY_TYPES.join(', ')}
      filters: ${FILTER_NAMES.join(', ')}
      list requirement: ranked by the priority model, --sort score|arrAtStake|updated|asks[:asc|desc]
      (default score:desc), filters status, productArea, tier, ownerCsm, q (and --account)`;
    },
    options: {
      account: { type: 'string' },
      filter: { type: 'string', multiple: true },
      sort: { type: 'string' },
      offset: { type: 'string' },
      limit: { type: 'string' },
    },
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const type = needPositional(args, 0, 'TYPE');
        if (!isEntityType(type))
          throw new UsageError(`unknown type "${type}"; one of ${ENTITY_TYPES.join(', ')}`);
        const filters: Record<string, string | string[]> = {};
        for (const f of (args.values.filter as string[] | undefined) ?? []) {
          const at = f.indexOf('=');
          if (at < 1) throw new UsageError(`--filter takes NAME=VALUE, got "${f}"`);
          const name = f.slice(0, at);
          if (!FILTER_NAMES.includes(name) && !(type === 'requirement' && name === 'productArea'))
            throw new UsageError(`unknown filter "${name}"; one of ${FILTER_NAMES.join(', ')}`);
          const value = f.slice(at + 1);
          filters[name] = value.includes(',') ? value.split(',') : value;
        }
        const sortArg = args.values.sort as string | undefined;
        const offset = positiveInt(args.values.offset as string | undefined, 'offset', 0);
        const limit = positiveInt(args.values.limit as string | undefined, 'limit', 50);
        // The board's own list: ranked by the priority model, filtered by the asking accounts.
        if (type === 'requirement') {
          if (args.values.account) filters.accountId = args.values.account as string;
          return listRequirements(b, o, filters, sortArg, offset, limit);
        }
        const [field, dir] = sortArg ? sortArg.split(':') : [];
        const page = await b.call(`${type}.list` as 'issue.list', {
          accountId: args.values.account as string | undefined,
          filters: filters as ListFilters,
          sort: field
            ? { field: field as SortField, dir: dir === 'desc' ? 'desc' : 'asc' }
            : undefined,
          offset,
          limit,
        });
        print(o, page, () => [
          ...page.items.map((d) => {
            const doc = d as unknown as Record<string, unknown>;
            const label =
              doc.name ??
              doc.title ??
              doc.purpose ??
              doc.contractNo ??
              doc.subject ??
              doc.date ??
              '';
            const status = doc.status ?? doc.tier ?? '';
            return `${doc._id}  ${String(label)}  ${String(status)}`;
          }),
          `${page.offset + 1}-${page.offset + page.items.length} of ${page.total}`,
        ]);
      }),
  },
  'rebuild-index': {
    usage: 'rebuild-index   rebuild the local SQLite index from the document store',
    options: {},
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const result = await b.call('index.rebuild', {});
        const rate = Math.round(result.docs / Math.max(result.ms / 1000, 0.001));
        print(o, { ...result, docsPerSecond: rate }, () => [
          `rebuilt ${result.docs} documents in ${result.ms} ms (${rate}/s)`,
        ]);
      }),
  },
  export: {
    usage: 'export FILE   write a JSON backup of every document',
    options: {},
    run: (args, o) => {
      // Refused before any work: the folder must exist and be writable (see outputPath.ts).
      checkOutputFile(needPositional(args, 0, 'FILE'), 'export');
      return withBackend(args, o, async (b) => {
        const file = needPositional(args, 0, 'FILE');
        const backup = await b.call('backup.export', {});
        writeOutputFile(file, JSON.stringify(backup), 'export');
        print(o, { file, docs: backup.docs.length }, () => [
          `exported ${backup.docs.length} documents to ${file}`,
        ]);
      });
    },
  },
  import: {
    usage:
      'import FILE [--overwrite] [--set-aside-invalid]   restore a JSON backup with its revisions; nothing is written if any document is invalid (unless set aside into a file beside the store)',
    options: {
      overwrite: { type: 'boolean', default: false },
      'set-aside-invalid': { type: 'boolean', default: false },
    },
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const backup = readJsonFile(needPositional(args, 0, 'FILE'));
        let report;
        try {
          report = await b.call('backup.import', {
            backup,
            overwrite: args.values.overwrite as boolean,
            setAsideInvalid: args.values['set-aside-invalid'] as boolean,
          });
        } catch (error) {
          // The first error is the one stderr line; people also see the first 50 on stdout.
          if (!o.json && error instanceof ApiFailure && error.errors.length > 1) {
            o.out(
              `${error.errors.length} problems in the backup (first ${Math.min(PAGE, error.errors.length)} of ${error.errors.length}; --json lists all):`,
            );
            for (const e of error.errors.slice(0, PAGE))
              o.out(`  ${e.path.join('.')}: ${e.message}`);
          }
          throw error;
        }
        const shownAside = report.setAside.slice(0, PAGE);
        print(o, report, () => [
          `created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, conflicts ${report.conflicts.length}, conflicting revisions ${report.conflictRevisions}`,
          ...report.conflicts.map((c) => `  not overwritten: ${c.id}`),
          ...(report.setAside.length
            ? [
                `set aside ${report.setAside.length} invalid documents in ${report.setAsideFile} (first ${shownAside.length} of ${report.setAside.length}):`,
                ...shownAside.map(
                  (d) =>
                    `  ${d.id}: ${d.errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ')}`,
                ),
              ]
            : []),
        ]);
      }),
  },
  repair: {
    usage:
      "repair [--backup FILE]   recover a damaged store: copies the folder aside, then LevelDB repair, the index's copies, the backup",
    options: { backup: { type: 'string' } },
    run: async (args, o) => {
      const values = args.values as Record<string, unknown>;
      const dataDir = (values['data-dir'] as string | undefined) ?? defaultDataDir();
      const backupFile = values.backup as string | undefined;
      const backup = backupFile ? backupFileSchema.safeParse(readJsonFile(backupFile)) : undefined;
      if (backup && !backup.success)
        throw new UsageError(`${backupFile} is not a workbench backup`);
      const { repairStore } = await import('../../store/repair');
      const report = await repairStore({ dataDir, backup: backup?.data });
      print(o, report, () => [
        `copied the damaged folder to ${report.copiedTo}`,
        `recovered ${report.total} documents: ${report.fromLevelDb} from LevelDB's repair, ${report.fromProjection} from the local index, ${report.fromBackup} from the backup`,
      ]);
    },
  },
  info: {
    usage: 'info   where the data lives and how big it is',
    options: {},
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const info = await b.call('system.info', {});
        print(o, info, () => [
          `data dir:   ${info.dataDir}`,
          `user:       ${info.user}`,
          `today:      ${info.today}`,
          `documents:  ${info.docCount}`,
          `index:      ${info.projection.docs} documents, checkpoint ${info.projection.checkpoint}`,
        ]);
      }),
  },
  call: {
    usage:
      'call METHOD [JSON]   call any API method, e.g. call account.brief \'{"id":"account:..."}\'',
    options: {},
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const method = needPositional(args, 0, 'METHOD');
        // The same size and depth limits as every other host (VALIDATION: exit 2).
        const input = parseBoundedJson(args.positionals[1] ?? '');
        const data = await b.call(method as 'system.info', input as never);
        o.out(JSON.stringify(data, null, 2));
      }),
  },
};
