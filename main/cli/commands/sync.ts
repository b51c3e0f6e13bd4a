// Sync (issue 4): `csm server init|add-user|assign` prepares the team CouchDB as its admin;
// `csm sync` replicates this laptop's data with it, once or live.
import fs from 'node:fs';
import { SYNC_SCOPES, type SyncScope, type SyncState } from '../../../shared/api/sync';
import { dbNameSchema } from '../../../shared/api/sync';
import { TEAM_ROLES, type TeamRole } from '../../sync/designDoc';
import { t } from '../../../shared/i18n';
import { describeState } from '../../sync/describe';
import { DEFAULT_RETRY, isRetryable, withRetries, type RetryPolicy } from '../../sync/retry';
import {
  addUser,
  assignAccount,
  initServer,
  rolesFromAccounts,
  type ServerTarget,
} from '../../sync/serverAdmin';
import { syncServiceOf } from '../../sync/service';
import { FileVault, type SyncCredentials } from '../../sync/vault';
import { positiveInt, UsageError, type ParsedArgs } from '../args';
import { print, type Output } from '../output';
import type { Command } from './command';
import { needPositional, withBackend } from './core';

function need(args: ParsedArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`--${name} is required`);
  return value;
}

/** A password from a file (one line; the trailing newline is not part of it). */
export function readPasswordFile(file: string, option: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw new UsageError(`--${option}: ${file} is empty`);
  return password;
}

function serverUrl(args: ParsedArgs): string {
  const url = need(args, 'url');
  if (!/^https?:\/\/[^/]+/.test(url))
    throw new UsageError(`--url must be an http(s) URL, got "${url}"`);
  return url.replace(/\/+$/, '');
}

function dbName(args: ParsedArgs): string {
  const db = need(args, 'db');
  if (!dbNameSchema.safeParse(db).success) {
    throw new UsageError(
      `--db "${db}" is not a CouchDB database name (lowercase, starts with a letter)`,
    );
  }
  return db;
}

function serverTarget(args: ParsedArgs): ServerTarget {
  return {
    url: serverUrl(args),
    db: dbName(args),
    admin: {
      user: need(args, 'admin-user'),
      password: readPasswordFile(need(args, 'admin-password-file'), 'admin-password-file'),
    },
  };
}

const SERVER_OPTIONS = {
  url: { type: 'string' },
  db: { type: 'string' },
  'admin-user': { type: 'string' },
  'admin-password-file': { type: 'string' },
  role: { type: 'string' },
  'password-file': { type: 'string' },
  remove: { type: 'boolean', default: false },
  'from-accounts': { type: 'boolean', default: false },
  'name-zh': { type: 'string' },
  'name-en': { type: 'string' },
  title: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
} as const;

async function runServer(args: ParsedArgs, o: Output): Promise<void> {
  const sub = needPositional(args, 0, 'a subcommand: init, add-user or assign');
  if (sub === 'init') {
    const report = await initServer(serverTarget(args));
    print(o, report, () => [
      `${report.created ? 'created' : 'found'} database ${report.db} on ${report.url}; ` +
        `_security set; validate_doc_update ${report.designDoc}`,
    ]);
    return;
  }
  if (sub === 'add-user') {
    const name = needPositional(args, 1, 'NAME');
    const role = need(args, 'role');
    if (!(TEAM_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be one of ${TEAM_ROLES.join(', ')}, got "${role}"`);
    }
    const password = readPasswordFile(need(args, 'password-file'), 'password-file');
    const text = (option: string) => args.values[option] as string | undefined;
    const report = await addUser(serverTarget(args), name, role as TeamRole, password, {
      nameZh: text('name-zh'),
      nameEn: text('name-en'),
      title: text('title'),
      email: text('email'),
      phone: text('phone'),
    });
    print(o, report, () => [
      `${report.created ? 'added' : 'updated'} user ${report.name} (roles: ${report.roles.join(', ')})`,
      ...(report.member === 'created' || report.member === 'updated'
        ? [`team member record ${report.member}`]
        : []),
    ]);
    if (report.member === 'noName') {
      o.err(`no team member record: give --name-zh or --name-en to add ${name} to the directory`);
    }
    return;
  }
  if (sub === 'assign' && args.values['from-accounts'] === true) {
    const report = await rolesFromAccounts(serverTarget(args));
    print(o, report, () => [
      `${report.accounts} accounts read`,
      ...Object.entries(report.granted).map(([name, roles]) => `  ${name}: +${roles.join(', +')}`),
      ...(report.unknownUsers.length
        ? [`  no user on the server for: ${report.unknownUsers.join(', ')}`]
        : []),
    ]);
    return;
  }
  if (sub === 'assign') {
    const accountId = needPositional(args, 1, 'ACCOUNT_ID');
    if (!/^account:[0-9A-Za-z]{1,64}$/.test(accountId)) {
      throw new UsageError(`"${accountId}" is not an account id (account:<key>)`);
    }
    const name = needPositional(args, 2, 'NAME');
    const remove = args.values.remove === true;
    const report = await assignAccount(serverTarget(args), accountId, name, remove);
    print(o, report, () => [
      `${remove ? 'unassigned' : 'assigned'} ${accountId} ${remove ? 'from' : 'to'} ${name} ` +
        `(roles: ${report.roles.join(', ')})`,
    ]);
    return;
  }
  throw new UsageError(`unknown server subcommand "${sub}"; one of init, add-user, assign`);
}

/** The credentials from the command line, or the ones a previous `sync.connect` stored. */
async function credentialsFrom(args: ParsedArgs, dataDir: string): Promise<SyncCredentials> {
  const scope = (args.values.scope as string | undefined) ?? 'all';
  if (!(SYNC_SCOPES as readonly string[]).includes(scope)) {
    throw new UsageError(`--scope must be one of ${SYNC_SCOPES.join(', ')}, got "${scope}"`);
  }
  if (args.values.url === undefined) {
    const stored = await new FileVault(dataDir).load();
    if (!stored)
      throw new UsageError(
        '--url, --db, --user and --password-file are required (no stored sign-in)',
      );
    return stored;
  }
  return {
    url: serverUrl(args),
    db: dbName(args),
    user: need(args, 'user'),
    password: readPasswordFile(need(args, 'password-file'), 'password-file'),
    scope: scope as SyncScope,
  };
}

/** `--retries N` (after the first attempt) and `--retry-for SECONDS`, both bounded. */
function retryPolicy(args: ParsedArgs): RetryPolicy {
  const retries = positiveInt(
    args.values.retries as string | undefined,
    'retries',
    DEFAULT_RETRY.attempts - 1,
  );
  const seconds = positiveInt(
    args.values['retry-for'] as string | undefined,
    'retry-for',
    DEFAULT_RETRY.withinMs / 1000,
  );
  if (retries > 100) throw new UsageError(`--retries must be 0..100, got ${retries}`);
  if (seconds > 86_400) throw new UsageError(`--retry-for must be 0..86400, got ${seconds}`);
  return { ...DEFAULT_RETRY, attempts: retries + 1, withinMs: seconds * 1000 };
}

function stateLine(state: SyncState): string {
  return `sync: ${describeState(state)}`;
}

async function runSync(args: ParsedArgs, o: Output): Promise<void> {
  const policy = retryPolicy(args);
  await withBackend(args, o, async (backend) => {
    let last = '';
    const service = syncServiceOf(backend.ctx, {
      onStatus: (state) => {
        const line = stateLine(state);
        // Progress lines go to stderr, at most one per ten per cent of a pull.
        const shown =
          state.state === 'pulling' && state.total > 0
            ? `${state.state}:${Math.floor((state.done / state.total) * 10)}`
            : line;
        if (shown !== last) o.err(line);
        last = shown;
      },
    });
    const credentials = await credentialsFrom(args, backend.ctx.store.dataDir);
    if (args.values.once === true) {
      // A server that is down or dies mid-run is tried again; each run resumes where the last
      // stopped (replication checkpoints, the bulk pull's mark), so nothing is written twice.
      const pulled = await withRetries(() => service.syncOnce(credentials), {
        policy,
        retryable: isRetryable,
        onRetry: (n) =>
          o.err(
            `sync: attempt ${n.attempt} of ${n.attempts} failed (${n.reason}); ` +
              `retrying in ${(n.delayMs / 1000).toFixed(1)} s`,
          ),
      }).finally(() => service.stop());
      // The pull's rescore of health runs after the pull; stop() waited for it.
      const healthRescore = service.status().healthRescore;
      const report = healthRescore
        ? { ...pulled, status: { ...pulled.status, healthRescore } }
        : pulled;
      print(o, report, () => [
        `pulled ${report.pulled}, pushed ${report.pushed}, rejected ${report.rejected.length}; ${describeState(report.status)}`,
        ...report.rejected.map((r) => `  rejected ${r.id}: ${r.reason}`),
        ...(report.status.conflicts
          ? [`  ${report.status.conflicts} documents with conflicts (csm conflicts)`]
          : []),
        ...(healthRescore && !healthRescore.error
          ? [`  health rescored for ${healthRescore.accounts} accounts`]
          : []),
      ]);
      if (healthRescore?.error) {
        o.err(
          t('en-US', 'trust.healthRescore.failed', {
            at: healthRescore.at,
            reason: healthRescore.error,
          }),
        );
      }
      if (report.rejected.length) process.exitCode = 1;
      return;
    }
    await service.connect(credentials);
    o.err('live sync; press Ctrl+C to stop');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const status = service.status();
    await service.stop();
    print(o, status, () => [stateLine(status)]);
  });
}

export const syncCommands: Record<string, Command> = {
  server: {
    usage:
      'server init|add-user NAME --role csm|consultant|manager|product --password-file F [--name-zh N] [--name-en N] [--title T] [--email E] [--phone P]|assign ACCOUNT_ID NAME [--remove]|assign --from-accounts\n' +
      '      --url URL --db NAME --admin-user U --admin-password-file F   prepare the team CouchDB',
    options: SERVER_OPTIONS,
    run: runServer,
  },
  sync: {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return (
        'sync [--url URL --db NAME --user U --password-file F] [--scope all|mine] [--once [--retries N] [--retry-for SECONDS]]\n' +
        `      sync with the team server; --once retries an unreachable server ${DEFAULT_RETRY.attempts - 1} times within ${DEFAULT_RETRY.withinMs / 1000} s (waits from ${DEFAULT_RETRY.firstDelayMs / 1000} s, doubling)`
      );
    },
    options: {
      url: { type: 'string' },
      db: { type: 'string' },
      'password-file': { type: 'string' },
      scope: { type: 'string' },
      once: { type: 'boolean', default: false },
      retries: { type: 'string' },
      'retry-for': { type: 'string' },
    },
    run: runSync,
  },
  conflicts: {
    usage: 'conflicts [ID]   documents with conflicting versions, or one of them side by side',
    options: {},
    run: (args, o) =>
      withBackend(args, o, async (backend) => {
        const id = args.positionals[0];
        if (id) {
          const detail = await backend.call('conflict.get', { id });
          print(o, detail, () => [
            `${detail.id}  ${detail.title}`,
            ...detail.fields
              .filter(
                (f) =>
                  f.clash ||
                  f.values.some((v) => JSON.stringify(v) !== JSON.stringify(f.values[0])),
              )
              .map(
                (f) =>
                  `  ${f.clash ? '!' : ' '} ${f.field}: ${f.values.map((v, i) => `[${detail.versions[i].updatedBy ?? '?'}] ${JSON.stringify(v)}`).join('  |  ')}`,
              ),
          ]);
          return;
        }
        const list = await backend.call('conflict.list', {});
        print(o, list, () =>
          list.items.length
            ? list.items.map(
                (c) => `${c.id}  ${c.title}  clashes: ${c.clashes.join(', ') || 'none'}`,
              )
            : ['no conflicts'],
        );
      }),
  },
};
