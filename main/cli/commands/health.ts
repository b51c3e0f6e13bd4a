// `csm health ...`, `csm alerts`, `csm portfolio`: health, early warnings and the manager's view.
import type { PortfolioFigure } from '../../../shared/api/health';
import { PORTFOLIO_FIGURES } from '../../../shared/api/health';
import { alertRules, type AlertRule } from '../../../shared/domain/health/alerts';
import { healthBands, type HealthBand } from '../../../shared/domain/health/model';
import { t, type MessageKey } from '../../../shared/i18n';
import { alertMessage } from '../../../shared/i18n/alertMessage';
import { positiveInt, UsageError } from '../args';
import { checkOutputFile, writeOutputFile } from '../outputPath';
import { print } from '../output';
import type { Command } from './command';
import { needPositional, readJsonFile, withBackend } from './core';

const pct = (n: number | null) => (n === null ? '-' : `${(n * 100).toFixed(1)}%`);
const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const many = (v: unknown) => ((v as string[] | undefined)?.length ? (v as string[]) : undefined);

const filterOptions = {
  csm: { type: 'string', multiple: true },
  tier: { type: 'string', multiple: true },
  region: { type: 'string', multiple: true },
  industry: { type: 'string', multiple: true },
  period: { type: 'string' },
} as const;

function filtersFrom(values: Record<string, unknown>) {
  return {
    ownerCsm: many(values.csm),
    tier: many(values.tier) as ('strategic' | 'ordinary' | 'micro')[] | undefined,
    region: many(values.region),
    industry: many(values.industry),
    period: values.period as string | undefined,
  };
}

export const healthCommands: Record<string, Command> = {
  health: {
    usage: `health recompute [--account ID] [--csm U]   score accounts with the team's health model
      health show ACCOUNT_ID              score, band, why, overrides and trend of one account
      health override ACCOUNT_ID --band red|yellow|green --reason TEXT [--expires DATE]
      health clear-override ACCOUNT_ID --reason TEXT
      health model [--save FILE]          print the model as JSON, or save an edited one`,
    options: {
      account: { type: 'string' },
      csm: { type: 'string', multiple: true },
      band: { type: 'string' },
      reason: { type: 'string' },
      expires: { type: 'string' },
      save: { type: 'string' },
    },
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const v = args.values;
        const action = needPositional(
          args,
          0,
          'ACTION (recompute, show, override, clear-override, model)',
        );
        if (action === 'recompute') {
          const report = await b.call('health.recompute', {
            accountId: v.account as string | undefined,
            ownerCsm: many(v.csm),
          });
          print(o, report, () => [
            `scored ${report.accounts} accounts in ${report.ms} ms: ${report.bands.red} red, ${report.bands.yellow} yellow, ${report.bands.green} green`,
            `${report.written} written, ${report.unchanged} unchanged, ${report.bandChanged} changed band${report.failed ? `, ${report.failed} FAILED` : ''}`,
          ]);
          if (report.failed) throw new Error(`${report.failed} scores could not be written`);
          return;
        }
        if (action === 'show') {
          const h = await b.call('health.account', {
            accountId: needPositional(args, 1, 'ACCOUNT_ID'),
          });
          print(o, h, () => [
            `${h.accountId}: ${h.band.toUpperCase()} (score ${h.score}, model says ${h.computedBand}, ${h.computedOn})`,
            ...(h.override
              ? [
                  `override: ${h.override.band} by ${h.override.by} on ${h.override.on}: ${h.override.reason}`,
                ]
              : []),
            'why:',
            ...h.factors
              .slice(0, 3)
              .map(
                (f) =>
                  `  ${t('en-US', `health.dimension.${f.dimension}` as MessageKey).padEnd(16)} score ${f.score} x ${f.weight}% -> -${f.impact} points (raw ${f.raw})`,
              ),
            ...(h.missing.length ? [`no data: ${h.missing.join(', ')}`] : []),
            `trend: ${h.history.map((p) => `${p.date} ${p.score}`).join(', ') || '(none yet)'}`,
          ]);
          return;
        }
        if (action === 'override' || action === 'clear-override') {
          const accountId = needPositional(args, 1, 'ACCOUNT_ID');
          const reason = v.reason as string | undefined;
          if (!reason) throw new UsageError('--reason is required: say why');
          let h;
          if (action === 'override') {
            const band = v.band as string | undefined;
            if (!band || !(healthBands as readonly string[]).includes(band))
              throw new UsageError(`--band must be one of ${healthBands.join(', ')}`);
            h = await b.call('health.override.set', {
              accountId,
              band: band as HealthBand,
              reason,
              expiresOn: v.expires as string | undefined,
            });
          } else {
            h = await b.call('health.override.clear', { accountId, reason });
          }
          print(o, h, () => [`${h.accountId}: now ${h.band} (model says ${h.computedBand})`]);
          return;
        }
        if (action === 'model') {
          if (v.save) {
            const current = await b.call('health.model.get', {});
            const saved = await b.call('health.model.save', {
              model: readJsonFile(v.save as string),
              rev: current.rev,
            });
            print(o, saved, () => [`saved the health model "${saved.model.name}" (${saved.rev})`]);
          } else {
            o.out(JSON.stringify((await b.call('health.model.get', {})).model, null, 2));
          }
          return;
        }
        throw new UsageError(`unknown health action "${action}"`);
      }),
  },
  alerts: {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `alerts [--csm U] [--tier T] [--account ID] [--rule R ...] [--all] [--limit N]
      alerts ack KEY [--note TEXT] | alerts snooze KEY --until DATE | alerts reopen KEY
      rules: ${alertRules.join(', ')}`;
    },
    options: {
      csm: { type: 'string', multiple: true },
      tier: { type: 'string', multiple: true },
      account: { type: 'string' },
      rule: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      limit: { type: 'string' },
      note: { type: 'string' },
      until: { type: 'string' },
    },
    run: (args, o) =>
      withBackend(args, o, async (b) => {
        const v = args.values;
        const action = args.positionals[0];
        if (action === 'ack' || action === 'snooze' || action === 'reopen') {
          const key = needPositional(args, 1, 'KEY');
          const note = v.note as string | undefined;
          const until = v.until as string | undefined;
          if (action === 'snooze' && !until) throw new UsageError('--until DATE is required');
          const result =
            action === 'ack'
              ? await b.call('alerts.acknowledge', { key, note })
              : action === 'reopen'
                ? await b.call('alerts.reopen', { key })
                : await b.call('alerts.snooze', { key, note, until: until! });
          print(o, result, () => [`${result.key}: ${result.status}`]);
          return;
        }
        if (action) throw new UsageError(`unknown alerts action "${action}"`);
        const rules = many(v.rule);
        for (const r of rules ?? [])
          if (!(alertRules as readonly string[]).includes(r))
            throw new UsageError(`unknown rule "${r}"; one of ${alertRules.join(', ')}`);
        const list = await b.call('alerts.list', {
          ownerCsm: many(v.csm),
          tier: many(v.tier) as ('strategic' | 'ordinary' | 'micro')[] | undefined,
          accountId: v.account as string | undefined,
          rules: rules as AlertRule[] | undefined,
          includeHidden: Boolean(v.all),
          limit: positiveInt(v.limit as string | undefined, 'limit', 100),
        });
        print(o, list, () => [
          ...list.items.map(
            (a) =>
              `${a.severity.padEnd(6)} ${a.accountName}  ${alertMessage((k, p) => t('en-US', k, p), a)}${a.state ? ` [${a.state.status}]` : ''}\n         ${a.key}`,
          ),
          `${list.items.length} of ${list.total} alerts on ${list.today} (${list.bySeverity.high} high, ${list.bySeverity.medium} medium, ${list.bySeverity.low} low; ${list.hidden} acknowledged or snoozed)`,
        ]);
      }),
  },
  portfolio: {
    // A getter: what it names is loaded when the usage is shown, not at every start.
    get usage() {
      return `portfolio [--csm U] [--tier T] [--region R] [--industry I] [--period 2026|2026-Q4|2026-11]
                [--drill FIGURE[:KEY]] [--trend] [--xlsx FILE]   the manager's view; figures: ${PORTFOLIO_FIGURES.join(', ')}`;
    },
    options: {
      ...filterOptions,
      xlsx: { type: 'string' },
      drill: { type: 'string' },
      trend: { type: 'boolean', default: false },
    },
    run: (args, o) => {
      // Refused before any work: the folder must exist and be writable (see outputPath.ts).
      if (typeof args.values.xlsx === 'string') checkOutputFile(args.values.xlsx, '--xlsx');
      return withBackend(args, o, async (b) => {
        const v = args.values;
        const filters = filtersFrom(v);
        if (v.drill) {
          const [figure, ...rest] = String(v.drill).split(':');
          if (!(PORTFOLIO_FIGURES as readonly string[]).includes(figure))
            throw new UsageError(
              `unknown figure "${figure}"; one of ${PORTFOLIO_FIGURES.join(', ')}`,
            );
          const key = rest.length ? rest.join(':') : undefined;
          // Every row, a page at a time (the API pages; the command line prints them all).
          const drill = await b.call('portfolio.drill', {
            filters,
            figure: figure as PortfolioFigure,
            key,
            limit: 10_000,
          });
          while (drill.rows.length < drill.total) {
            const next = await b.call('portfolio.drill', {
              filters,
              figure: figure as PortfolioFigure,
              key,
              offset: drill.rows.length,
              limit: 10_000,
            });
            if (!next.rows.length) break;
            drill.rows.push(...next.rows);
          }
          print(o, drill, () => [
            ...drill.rows.map(
              (r) =>
                `${r.accountId}  ${r.name}  ${r.tier}  ${r.ownerCsm ?? '-'}  ${r.band}  ARR ${money(r.arr)}`,
            ),
            `${drill.total} rows behind ${figure}${key ? `:${key}` : ''}`,
          ]);
          return;
        }
        if (v.trend) {
          const trend = await b.call('portfolio.trend', { filters });
          print(o, trend, () => [
            'date         red  yellow  green  mean score',
            ...trend.map(
              (t) =>
                `${t.date}  ${String(t.red).padStart(4)}  ${String(t.yellow).padStart(6)}  ${String(t.green).padStart(5)}  ${t.averageScore ?? '-'}`,
            ),
          ]);
          return;
        }
        const p = await b.call('portfolio.get', { filters });
        if (v.xlsx) {
          const file = await b.call('portfolio.export', { filters });
          const bytes = new Uint8Array(Buffer.from(file.base64, 'base64'));
          writeOutputFile(v.xlsx as string, bytes, '--xlsx');
          o.err(`wrote ${v.xlsx as string}`);
        }
        const c = p.team.cohort;
        print(o, p, () => [
          `portfolio on ${p.today}, period ${p.period.label}: ${p.accounts} accounts, ARR ${money(p.team.arr)}`,
          `by tier and band: ${p.tierBand.map((x) => `${x.tier}/${x.band} ${x.accounts}`).join(', ')}`,
          `renewals due: ${p.renewals.map((r) => `${r.days}d ${r.accounts} (${money(r.value)})`).join(', ')}`,
          `at risk: ${p.atRisk.accounts} accounts, ${p.atRisk.openActions} open actions (${p.atRisk.overdueActions} overdue)`,
          `renewal cohort: ${c.stillThere}/${c.atStart} renewed = ${pct(c.renewalRateByCount)} by count, ${pct(c.renewalRateByAmount)} by amount, churn ${pct(c.churnRate)}`,
          `NPS: ${p.team.nps.score === null ? '-' : p.team.nps.score.toFixed(1)} (${p.team.nps.responses} responses)`,
          `open opportunities: ${p.opportunities.open} worth ${money(p.opportunities.value)}`,
          'CSM            overdue items   coverage',
          ...p.coverage.map((cv) => {
            const od = p.overdue.find((x) => x.csm === cv.csm);
            return `${cv.csm.padEnd(14)} ${String((od?.actionItems ?? 0) + (od?.issues ?? 0)).padStart(13)}   ${pct(cv.rate)} (${cv.covered}/${cv.accounts})`;
          }),
        ]);
      });
    },
  },
};
