// The pre-visit brief: one A4 page a CSM reads before meeting the customer (renewal, health and
// why, the stakeholders, open issues and promises, the last minutes). Every list is cut to fit
// the page and says how many it left off; a test renders it and counts the pages.
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
  type FileChild,
} from 'docx';
import { issuePriorities } from '../../shared/domain/entities/issue';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { accountArr } from '../../shared/rules/arr';
import { isOpenIssue, isOverdueIssue } from '../../shared/rules/issues';
import {
  RENEWAL_WINDOW_DAYS,
  daysToRenewal,
  inRenewalWindow,
  renewalDate,
} from '../../shared/rules/renewal';
import { packDocument, run } from './docxKit';
import { draftMark, formatDate, formatMoney, formatNumber, label } from './format';
import { accountName, clip, cut, fit } from './newDocKit';
import type { ReadinessCheck } from './readiness';
import { currentContract, type AccountSnapshot } from './snapshot';
import { briefRequirementLines } from '../requirements/forAccount';
import type { BuildOptions, BuiltFile } from './types';

/** The brief needs nothing: it says what the account lacks instead. */
export const briefReadiness: ReadinessCheck = () => [];

/** Rows per list that keep the page to one A4 sheet with the longest texts the fields allow. */
export const BRIEF_LIMITS = {
  stakeholders: 6,
  issues: 5,
  promises: 6,
  minutesChars: 260,
} as const;

/**
 * Printed width (textWidth units) a cell of `pct` percent of the page holds on one line at
 * 8.5 pt: about 105 units across the text width, less the cell's margins, with some slack.
 */
const cellUnits = (pct: number) => Math.floor(pct) - 2;
/** A line across the page. */
const LINE_UNITS = 100;

const SIZE = 17; // 8.5 pt
const A4_CONTENT = 11906 - 2 * 1300;
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'A0A0A0' };
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

/** One line of text (cut to the page width unless `lines` allows more). */
function line(
  text: string,
  opts: { bold?: boolean; size?: number; center?: boolean; after?: number; lines?: number } = {},
) {
  const units = Math.floor((LINE_UNITS * (opts.lines ?? 1) * SIZE) / (opts.size ?? SIZE));
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined,
    spacing: { after: opts.after ?? 30, line: 250 },
    children: [run(fit(text, units), { bold: opts.bold, size: opts.size ?? SIZE })],
  });
}

function head(text: string) {
  return new Paragraph({
    spacing: { before: 100, after: 40 },
    children: [run(text, { bold: true, size: 21, color: '1F3864' })],
  });
}

function cell(text: string, widthPct: number, header = false) {
  return new TableCell({
    width: { size: Math.round((A4_CONTENT * widthPct) / 100), type: WidthType.DXA },
    shading: header ? { fill: 'E7ECF6', type: 'clear', color: 'auto' } : undefined,
    margins: { top: 15, bottom: 15, left: 60, right: 60 },
    children: [
      new Paragraph({
        children: [run(text, { bold: header, size: SIZE })],
      }),
    ],
  });
}

/**
 * A table; the caller fits data texts to their column (labels and dates are never cut, so a
 * column is wide enough for them in both languages).
 */
function grid(headers: string[] | null, rows: string[][], widths: number[]) {
  return new Table({
    width: { size: A4_CONTENT, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((A4_CONTENT * w) / 100)),
    borders: BORDERS,
    rows: [
      ...(headers
        ? [
            new TableRow({
              tableHeader: true,
              children: headers.map((h, i) => cell(h, widths[i], true)),
            }),
          ]
        : []),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((c, i) => cell(c, widths[i], !headers && i === 0)),
          }),
      ),
    ],
  });
}

export async function buildVisitBrief(s: AccountSnapshot, o: BuildOptions): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const sep = L === 'zh-CN' ? '、' : ', ';
  const c = (text: string) => fit(text, 44);
  const more = (n: number) => tr('deliverables.new.more', { count: formatNumber(L, n) });
  const warnings: string[] = [];
  const name = accountName(s, L);
  const a = s.account;
  const body: FileChild[] = [
    line(tr('deliverables.brief.title', { account: name }), {
      bold: true,
      size: 30,
      center: true,
      after: 60,
      lines: 2,
    }),
    line(
      tr('deliverables.brief.meta', {
        tier: label(L, 'tier', a.tier),
        stage: label(L, 'lifecycleStage', a.lifecycleStage),
        csm: person(a.ownerCsm),
        consultant: person(a.consultant) || '—',
        date: formatDate(L, o.today),
      }),
      { center: true, after: 80 },
    ),
  ];

  // Renewal and health
  const renewal = renewalDate(s.contracts);
  const days = daysToRenewal(o.today, renewal);
  const contract = currentContract(s);
  const arr = formatMoney(L, accountArr(s.contracts), contract?.currency ?? 'CNY');
  const renewalText =
    renewal === null
      ? tr('deliverables.brief.noRenewal')
      : tr(days! >= 0 ? 'deliverables.brief.renewal' : 'deliverables.brief.renewalPast', {
          date: formatDate(L, renewal),
          days: Math.abs(days!),
          arr,
          window: tr(
            inRenewalWindow(o.today, renewal, RENEWAL_WINDOW_DAYS[a.tier])
              ? 'deliverables.brief.inWindow'
              : 'deliverables.brief.notInWindow',
          ),
        });
  const h = s.health;
  const healthText = h
    ? tr('deliverables.brief.health', {
        score: formatNumber(L, h.score),
        band: label(L, 'healthBand', h.band),
      })
    : tr('deliverables.brief.noHealth');
  const why = (h?.factors ?? [])
    .filter((f) => f.impact > 0)
    .slice(0, 3)
    .map((f) =>
      tr('deliverables.brief.factor', {
        dimension: tr(`health.dimension.${f.dimension}` as MessageKey),
        score: formatNumber(L, f.score),
        impact: formatNumber(L, f.impact, 1),
      }),
    );
  const whyText = [
    why.length ? why.join(sep) : tr('deliverables.brief.noFactors'),
    ...(h?.override
      ? [
          tr('deliverables.brief.override', {
            band: label(L, 'healthBand', h.override.band),
            reason: clip(h.override.reason, 80),
          }),
        ]
      : []),
  ].join(L === 'zh-CN' ? '；' : '; ');
  const openRisks = s.riskCases.filter((r) => r.status === 'open');
  body.push(
    grid(
      null,
      [
        [tr('deliverables.brief.renewalLabel'), renewalText],
        [tr('deliverables.brief.healthLabel'), healthText],
        [tr('deliverables.brief.whyLabel'), fit(whyText, cellUnits(84) * 2)],
        [
          tr('deliverables.brief.riskLabel'),
          tr('deliverables.brief.risk', {
            level: label(L, 'riskLevel', a.riskLevel),
            cases: openRisks.length,
          }),
        ],
      ],
      [16, 84],
    ),
  );

  // Stakeholders: the decision chain first, the most influential first
  body.push(head(tr('deliverables.brief.s.stakeholders')));
  const rank = { high: 0, medium: 1, low: 2 } as const;
  const people = s.contacts
    .filter((x) => x.active)
    .sort((x, y) => rank[x.influence] - rank[y.influence] || x.name.localeCompare(y.name));
  const departed = s.contacts.filter(
    (x) => !x.active && (x.roles.includes('decisionMaker') || x.roles.includes('champion')),
  );
  if (people.length) {
    const { shown, more: left } = cut(people, BRIEF_LIMITS.stakeholders);
    body.push(
      grid(
        [
          tr('deliverables.brief.name'),
          tr('deliverables.brief.position'),
          tr('deliverables.brief.roles'),
          tr('deliverables.brief.stance'),
          tr('deliverables.brief.lastContact'),
        ],
        shown.map((x) => [
          fit(x.name, cellUnits(16)),
          fit(x.position ?? '', cellUnits(20)),
          fit(x.roles.map((r) => label(L, 'contactRole', r)).join(sep), cellUnits(26) * 2),
          `${label(L, 'stance', x.stance)} / ${label(L, 'influence', x.influence)}`,
          formatDate(L, x.lastContactOn) || '—',
        ]),
        [16, 20, 26, 20, 18],
      ),
    );
    if (left) body.push(line(more(left)));
  } else body.push(line(tr('deliverables.brief.noStakeholders')));
  if (departed.length)
    body.push(
      line(
        tr('deliverables.brief.departed', {
          names: departed
            .map((x) => {
              const roles = x.roles.map((r) => label(L, 'contactRole', r)).join(sep);
              return L === 'zh-CN' ? `${x.name}（${roles}）` : `${x.name} (${roles})`;
            })
            .join(sep),
        }),
        { bold: true },
      ),
    );

  // Open issues, most urgent first
  body.push(head(tr('deliverables.brief.s.issues')));
  const open = s.issues
    .filter(isOpenIssue)
    .sort(
      (x, y) =>
        issuePriorities.indexOf(x.priority) - issuePriorities.indexOf(y.priority) ||
        x.raisedOn.localeCompare(y.raisedOn),
    );
  body.push(
    line(
      tr('deliverables.brief.issueCount', {
        open: open.length,
        overdue: open.filter((i) => isOverdueIssue(i, o.today)).length,
        urgent: open.filter((i) => i.priority === 'urgentFault').length,
      }),
    ),
  );
  if (open.length) {
    const { shown, more: left } = cut(open, BRIEF_LIMITS.issues);
    body.push(
      grid(
        [
          tr('deliverables.usage.issue'),
          tr('deliverables.usage.priority'),
          tr('deliverables.usage.status'),
          tr('deliverables.usage.owner'),
          tr('deliverables.usage.due'),
        ],
        shown.map((i) => [
          fit(i.title, cellUnits(36)),
          label(L, 'issuePriority', i.priority),
          label(L, 'issueStatus', i.status),
          person(i.owner) || '—',
          formatDate(L, i.dueDate) || '—',
        ]),
        [36, 15, 15, 16, 18],
      ),
    );
    if (left) body.push(line(more(left)));
  }

  // Promises not yet kept: open action items, then what we committed to
  body.push(head(tr('deliverables.brief.s.promises')));
  const done = s.visits.filter((v) => v.status === 'done');
  const last = done.at(-1);
  const promises = [
    ...s.visits
      .flatMap((v) => v.actionItems.filter((x) => !x.done))
      .sort((x, y) => x.dueDate.localeCompare(y.dueDate))
      .map((x) =>
        tr(x.dueDate < o.today ? 'deliverables.brief.actionLate' : 'deliverables.brief.action', {
          title: c(x.title),
          owner: person(x.owner),
          due: formatDate(L, x.dueDate),
        }),
      ),
    ...(last?.commitments ?? []).map((x) =>
      tr('deliverables.brief.commitment', { text: c(x), date: formatDate(L, last!.date) }),
    ),
    ...(s.handover?.commitments.ours ?? []).map((x) =>
      tr('deliverables.brief.handoverPromise', { text: c(x) }),
    ),
  ];
  if (promises.length) {
    const { shown, more: left } = cut(promises, BRIEF_LIMITS.promises);
    body.push(...shown.map((p) => line(`• ${p}`)));
    if (left) body.push(line(more(left)));
  } else body.push(line(tr('deliverables.brief.noPromises')));

  // The requirements library: what to tell, what to confirm, what is on its way
  body.push(head(tr('requirementsOps.brief.heading')));
  body.push(...briefRequirementLines(L, s.requirements).map((text) => line(`• ${text}`)));

  // The last minutes
  body.push(head(tr('deliverables.brief.s.minutes')));
  if (last) {
    body.push(
      line(
        tr('deliverables.brief.lastVisit', {
          date: formatDate(L, last.date),
          purpose: c(last.purpose),
          mode: label(L, 'visitMode', last.mode),
          attendees: last.attendees.customer.map((x) => x.name).join(sep) || '—',
        }),
        { bold: true },
      ),
    );
    const minutes = (last.minutes ?? '').replace(/\s+/g, ' ').trim();
    const excerpt = clip(minutes, BRIEF_LIMITS.minutesChars);
    body.push(line(excerpt || '—', { lines: 6 }));
    if (excerpt !== minutes)
      body.push(line(tr('deliverables.brief.excerpt', { chars: minutes.length })));
    if (last.painPointsNew.length)
      body.push(
        line(tr('deliverables.brief.newPains', { pains: clip(last.painPointsNew.join(sep), 120) })),
      );
  } else body.push(line(tr('deliverables.brief.noVisit')));
  const next = s.visits.find((v) => v.status === 'planned' && v.date >= o.today);
  if (next)
    body.push(
      line(
        tr('deliverables.brief.nextVisit', {
          date: formatDate(L, next.date),
          purpose: c(next.purpose),
        }),
      ),
    );

  const buffer = await packDocument(body, {
    title: tr('deliverables.brief.title', { account: name }),
    creator: person(a.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
