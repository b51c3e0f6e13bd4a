// `csm requirement ...` and `csm list requirement`: the requirements library (issue 16) from the
// command line, through the same API methods the app calls.
import type { RequirementPage, RequirementRow } from '../../../shared/api/requirements';
import {
  askImportances,
  confirmationStatuses,
  productAreas,
  requirementStatuses,
  type AskImportance,
  type ConfirmationStatus,
  type ProductArea,
  type RequirementStatus,
} from '../../../shared/domain/entities/requirement';
import { tiers } from '../../../shared/domain/entities/account';
import { isLocale, type Locale } from '../../../shared/i18n';
import type { Backend } from '../../backend';
import { positiveInt, UsageError, type ParsedArgs } from '../args';
import { checkOutputFile, writeOutputFile } from '../outputPath';
import { print, type Output } from '../output';
import type { Command } from './command';
import { needPositional, readJsonFile, withBackend } from './core';

const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${what} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

function localeOf(values: ParsedArgs['values']): Locale {
  const value = (values.locale as string | undefined) ?? 'en-US';
  if (!isLocale(value)) throw new UsageError(`--locale must be zh-CN or en-US, got "${value}"`);
  return value;
}

/** The board's filters as `list requirement --filter NAME=VALUE` (and `requirement export`) give them. */
export const REQUIREMENT_FILTERS = ['status', 'productArea', 'tier', 'ownerCsm', 'accountId', 'q'];
export const REQUIREMENT_SORTS = ['score', 'arrAtStake', 'updated', 'asks'] as const;

export function requirementFilters(filters: Record<string, string | string[]>) {
  const list = (v: string | string[] | undefined) =>
    v === undefined ? undefined : Array.isArray(v) ? v : [v];
  for (const name of Object.keys(filters)) {
    if (!REQUIREMENT_FILTERS.includes(name))
      throw new UsageError(
        `filter "${name}" does not apply to requirement; one of ${REQUIREMENT_FILTERS.join(', ')}`,
      );
  }
  const status = list(filters.status)?.map((s) => oneOf(s, requirementStatuses, 'status'));
  const productArea = list(filters.productArea)?.map((s) => oneOf(s, productAreas, 'productArea'));
  const tier = list(filters.tier)?.map((s) => oneOf(s, tiers, 'tier'));
  const q = filters.q === undefined ? undefined : list(filters.q)!.join(' ');
  const accountId = filters.accountId === undefined ? undefined : list(filters.accountId)![0];
  return { status, productArea, tier, csm: list(filters.ownerCsm), q, accountId };
}

function rowLine(r: RequirementRow): string {
  const soon = r.renewalsSoon ? `, ${r.renewalsSoon} renewing within 90 days` : '';
  const merged = r.mergedInto ? ` (merged into ${r.mergedInto})` : '';
  return `${r.id}  ${String(r.score).padStart(3)}  ${r.status.padEnd(13)} ${r.title}  [${r.accounts} accounts, ARR ${money(r.arrAtStake)}${soon}]${merged}`;
}

/** `list requirement`: the board's rows, ranked, paged with the total. */
export async function listRequirements(
  b: Backend,
  o: Output,
  filters: Record<string, string | string[]>,
  sort: string | undefined,
  offset: number,
  limit: number,
): Promise<void> {
  const [field, dir] = sort ? sort.split(':') : ['score', 'desc'];
  const sortField = oneOf(field, REQUIREMENT_SORTS, 'requirement --sort');
  if (dir !== undefined && dir !== 'asc' && dir !== 'desc')
    throw new UsageError(`--sort takes FIELD[:asc|desc], got "${sort}"`);
  const page: RequirementPage = await b.call('requirements.list', {
    ...requirementFilters(filters),
    sort: sortField,
    dir: dir === 'asc' ? 'asc' : 'desc',
    offset,
    limit,
    locale: 'en-US',
  });
  print(o, page, () => [
    ...page.items.map(rowLine),
    page.items.length
      ? `${page.offset + 1}-${page.offset + page.items.length} of ${page.total}`
      : `0 of ${page.total}`,
  ]);
}

function parseFilters(values: ParsedArgs['values']): Record<string, string | string[]> {
  const filters: Record<string, string | string[]> = {};
  for (const f of (values.filter as string[] | undefined) ?? []) {
    const at = f.indexOf('=');
    if (at < 1) throw new UsageError(`--filter takes NAME=VALUE, got "${f}"`);
    const value = f.slice(at + 1);
    filters[f.slice(0, at)] = value.includes(',') ? value.split(',') : value;
  }
  return filters;
}

/** The ask's fields from the options; its source type read from the source id. */
function askFrom(values: ParsedArgs['values'], accountId: string) {
  const importance = values.importance as string | undefined;
  if (!importance)
    throw new UsageError(`--importance is required: one of ${askImportances.join(', ')}`);
  const from = values.from as string | undefined;
  const sourceType = from ? from.split(':')[0] : 'other';
  if (from && sourceType !== 'issue' && sourceType !== 'visit')
    throw new UsageError(`--from takes an issue or a visit id, got "${from}"`);
  return {
    accountId,
    importance: oneOf(importance, askImportances, '--importance') as AskImportance,
    contactId: values.contact as string | undefined,
    askedOn: values['asked-on'] as string | undefined,
    sourceType: sourceType as 'issue' | 'visit' | 'other',
    sourceId: from,
    note: values.note as string | undefined,
  };
}

const ACTIONS = 'show, similar, raise, ask, status, solution, confirm, merge, tell, export, model';

export const requirementCommands: Record<string, Command> = {
  requirement: {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `requirement show ID [--locale L]         a requirement: score and why, asks, ARR at stake
      requirement similar TEXT [--account ID]   existing requirements like TEXT (full-text)
      requirement raise --account ID [--from issue:...|visit:...] [--title T] [--scenario S] --area A --importance I
                        [--workaround W] [--blocks B] [--contact ID] [--note N] [--new]
                        (similar requirements are shown first; --new raises it anyway)
      requirement ask REQ_ID --account ID --importance I [--from ID] [--contact ID] [--note N]
      requirement status REQ_ID STATUS [--release R] [--reason TEXT]   (manager or product)
      requirement solution REQ_ID --text TEXT                          (manager or product)
      requirement confirm ASK_ID pending|confirmed|rejected [--note N]
      requirement merge FROM_ID INTO_ID        move the duplicate's asks into INTO_ID
      requirement tell ASK_ID [--kind call|chat|email|meeting|note|other] [--notes N] [--date D]
      requirement export FILE [--filter NAME=VALUE ...] [--locale L]   ranked Excel for the product team
      requirement model [--save FILE]          print the priority model as JSON, or save an edited one
      statuses: ${requirementStatuses.join(', ')}; areas: ${productAreas.join(', ')}
      importance: ${askImportances.join(', ')}`;
    },
    options: {
      account: { type: 'string' },
      from: { type: 'string' },
      title: { type: 'string' },
      scenario: { type: 'string' },
      workaround: { type: 'string' },
      blocks: { type: 'string' },
      area: { type: 'string' },
      importance: { type: 'string' },
      contact: { type: 'string' },
      note: { type: 'string' },
      notes: { type: 'string' },
      'asked-on': { type: 'string' },
      new: { type: 'boolean', default: false },
      release: { type: 'string' },
      reason: { type: 'string' },
      text: { type: 'string' },
      kind: { type: 'string' },
      date: { type: 'string' },
      locale: { type: 'string' },
      filter: { type: 'string', multiple: true },
      save: { type: 'string' },
      limit: { type: 'string' },
    },
    run: (args, o) => {
      const action = needPositional(args, 0, `ACTION (${ACTIONS})`);
      // A file is checked before any work (see outputPath.ts).
      if (action === 'export') checkOutputFile(needPositional(args, 1, 'FILE'), 'export');
      return withBackend(args, o, async (b) => {
        const v = args.values;
        const locale = localeOf(v);
        if (action === 'show') {
          const d = await b.call('requirements.get', { id: needPositional(args, 1, 'ID'), locale });
          const r = d.requirement;
          print(o, d, () => [
            `${r._id}: ${r.title}`,
            `status ${r.status}${r.release ? ` (release ${r.release})` : ''}${r.declineReason ? `: ${r.declineReason}` : ''}${r.mergedInto ? `, merged into ${r.mergedInto}` : ''}`,
            `score ${d.score.score}${d.score.paying ? '' : ' (prospects only: ranked below paying customers)'}; ARR at stake ${money(d.arrAtStake)}${d.renewalsSoon ? `, ${d.renewalsSoon} renewing within 90 days (${money(d.arrRenewingSoon)})` : ''}`,
            'why:',
            ...d.score.explanation[locale].map((line) => `  ${line}`),
            `scenario: ${r.scenario}`,
            ...(r.workaround ? [`workaround: ${r.workaround}`] : []),
            ...(r.blocks ? [`blocks: ${r.blocks}`] : []),
            ...(r.solution ? [`solution: ${r.solution}`] : []),
            `asks (${d.asks.length}, ${d.told} told):`,
            ...d.asks.map(
              (a) =>
                `  ${a.id}  ${a.accountName} (${a.tier}, ARR ${money(a.arr)}${a.renewalSoon ? `, renews ${a.renewalDate}` : ''})  ${a.importance}  by ${a.contactName ?? '-'}${a.contactRoles.length ? ` [${a.contactRoles.join(', ')}]` : ''} on ${a.askedOn}  CSM ${a.csmName || '-'}  confirmation ${a.confirmation?.status ?? '-'}  told ${a.toldOn ?? '-'}`,
            ),
          ]);
          return;
        }
        if (action === 'similar') {
          const text = args.positionals.slice(1).join(' ').trim();
          if (!text) throw new UsageError('missing TEXT');
          const found = await b.call('requirements.similar', {
            text,
            accountId: v.account as string | undefined,
            limit: positiveInt(v.limit as string | undefined, 'limit', 5),
          });
          print(o, found, () =>
            found.hits.length
              ? found.hits.map(
                  (h) =>
                    `${h.id}  ${h.status.padEnd(13)} ${h.title}  [${h.accounts} accounts${h.askedByAccount ? ', this account asked already' : ''}]`,
                )
              : ['no similar requirement'],
          );
          return;
        }
        if (action === 'raise') {
          const accountId = v.account as string | undefined;
          if (!accountId) throw new UsageError('--account is required');
          const ask = askFrom(v, accountId);
          let title = v.title as string | undefined;
          let scenario = v.scenario as string | undefined;
          if (ask.sourceId) {
            // Raised from an issue or a visit: its words are the first draft of the need.
            const source = (await b.call(`${ask.sourceType}.get` as 'issue.get', {
              id: ask.sourceId,
            })) as unknown as Record<string, unknown>;
            if (source.accountId !== accountId)
              throw new UsageError(`${ask.sourceId} is not a document of ${accountId}`);
            title ??= String(source.title ?? source.purpose ?? '');
            scenario ??= String(source.description ?? source.minutes ?? '') || undefined;
          }
          if (!title) throw new UsageError('--title is required (or --from an issue or visit)');
          if (!scenario)
            throw new UsageError('--scenario is required: who needs it, why, in which work');
          const area = v.area as string | undefined;
          if (!area) throw new UsageError(`--area is required: one of ${productAreas.join(', ')}`);
          if (!v.new) {
            const similar = await b.call('requirements.similar', {
              text: `${title} ${scenario}`,
              accountId,
              limit: 5,
            });
            if (similar.hits.length) {
              o.err(
                `${similar.hits.length} similar requirements (of ${similar.total}) exist; add this account to one with "requirement ask REQ_ID", or raise it anyway with --new:`,
              );
              for (const h of similar.hits)
                o.err(
                  `  ${h.id}  ${h.status}  ${h.title}  [${h.accounts} accounts${h.askedByAccount ? ', this account asked already' : ''}]`,
                );
              if (o.json) o.out(JSON.stringify({ created: false, similar: similar.hits }, null, 2));
              throw new UsageError('similar requirements exist (see above)');
            }
          }
          const created = await b.call('requirements.create', {
            data: {
              title,
              scenario,
              workaround: v.workaround as string | undefined,
              blocks: v.blocks as string | undefined,
              productArea: oneOf(area, productAreas, '--area') as ProductArea,
            },
            ask,
          });
          print(o, created, () => [
            `raised ${created.requirement._id}: ${created.requirement.title}`,
            `  asked by ${accountId} (${created.ask._id})`,
          ]);
          return;
        }
        if (action === 'ask') {
          const requirementId = needPositional(args, 1, 'REQ_ID');
          const accountId = v.account as string | undefined;
          if (!accountId) throw new UsageError('--account is required');
          const ask = await b.call('requirements.addAsk', {
            requirementId,
            ask: askFrom(v, accountId),
          });
          print(o, ask, () => [`${accountId} now asks for ${requirementId} (${ask._id})`]);
          return;
        }
        if (action === 'status') {
          const id = needPositional(args, 1, 'REQ_ID');
          const status = oneOf(
            needPositional(args, 2, 'STATUS'),
            requirementStatuses,
            'STATUS',
          ) as RequirementStatus;
          const current = await b.call('requirements.get', { id, locale });
          const result = await b.call('requirements.setStatus', {
            id,
            rev: current.requirement._rev!,
            status,
            release: v.release as string | undefined,
            declineReason: v.reason as string | undefined,
            locale,
          });
          print(o, result, () => [
            `${id}: ${current.requirement.status} -> ${result.requirement.status}`,
            ...(result.tasksCreated.length
              ? [`created ${result.tasksCreated.length} "tell the customer" tasks`]
              : []),
          ]);
          return;
        }
        if (action === 'solution') {
          const id = needPositional(args, 1, 'REQ_ID');
          const text = v.text as string | undefined;
          if (!text) throw new UsageError('--text is required');
          const current = await b.call('requirements.get', { id, locale });
          const saved = await b.call('requirements.setSolution', {
            id,
            rev: current.requirement._rev!,
            solution: text,
          });
          print(o, saved, () => [`${id}: solution recorded; confirm it with each asking customer`]);
          return;
        }
        if (action === 'confirm') {
          const askId = needPositional(args, 1, 'ASK_ID');
          const status = oneOf(
            needPositional(args, 2, 'STATUS'),
            confirmationStatuses,
            'STATUS',
          ) as ConfirmationStatus;
          // The ask's revision, from its account's list (an ask is written by the loop's methods only).
          const accountId = `account:${askId.split(':')[1] ?? ''}`;
          const asks = await b.call('requirements.forAccount', { accountId, locale });
          const ask = asks.items.find((x) => x.ask.id === askId)?.ask;
          if (!ask) throw new UsageError(`no ask ${askId}`);
          const saved = await b.call('requirements.confirm', {
            askId,
            rev: ask.rev,
            status,
            note: v.note as string | undefined,
          });
          print(o, saved, () => [`${askId}: the customer's confirmation is ${status}`]);
          return;
        }
        if (action === 'merge') {
          const fromId = needPositional(args, 1, 'FROM_ID');
          const intoId = needPositional(args, 2, 'INTO_ID');
          const merged = await b.call('requirements.merge', { fromId, intoId });
          print(o, merged, () => [
            `merged ${fromId} into ${intoId}: ${merged.movedAsks} asks moved`,
          ]);
          return;
        }
        if (action === 'tell') {
          const askId = needPositional(args, 1, 'ASK_ID');
          const kind = v.kind as string | undefined;
          const told = await b.call('requirements.tell', {
            askId,
            kind: kind
              ? oneOf(
                  kind,
                  ['call', 'chat', 'email', 'meeting', 'note', 'other'] as const,
                  '--kind',
                )
              : undefined,
            notes: v.notes as string | undefined,
            date: v.date as string | undefined,
            locale,
          });
          print(o, told, () => [
            `told: ${askId} (touchpoint ${told.touchpointId}${told.taskClosed ? `, task ${told.taskClosed} done` : ''})`,
            ...(told.allTold ? ['every asking customer has been told'] : []),
          ]);
          return;
        }
        if (action === 'export') {
          const file = needPositional(args, 1, 'FILE');
          const file64 = await b.call('requirements.export', {
            ...requirementFilters(parseFilters(v)),
            locale,
          });
          writeOutputFile(file, new Uint8Array(Buffer.from(file64.base64, 'base64')), 'export');
          print(o, { file, fileName: file64.fileName }, () => [`wrote ${file}`]);
          return;
        }
        if (action === 'model') {
          if (v.save) {
            const current = await b.call('requirements.model.get', {});
            const saved = await b.call('requirements.model.save', {
              model: readJsonFile(v.save as string),
              rev: current.rev,
            });
            print(o, saved, () => [
              `saved the priority model "${saved.model.name}" (${saved.rev})`,
            ]);
          } else {
            o.out(JSON.stringify((await b.call('requirements.model.get', {})).model, null, 2));
          }
          return;
        }
        throw new UsageError(`unknown requirement action "${action}"; one of ${ACTIONS}`);
      });
    },
  },
};
