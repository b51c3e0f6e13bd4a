// The success case 成功案例, the book's four parts (7.1, figure 7-3): the customer's profile, their
// business pains, why they chose us, and the improvement, each pain answered and every success
// criterion's result against its baseline.
import type { FileChild } from 'docx';
import type { EntityDoc } from '../../shared/domain/entities';
import { t, type MessageKey } from '../../shared/i18n';
import { personFormatter } from '../../shared/people/displayName';
import { bullet, fieldTable, heading, packDocument, para, table, title } from './docxKit';
import { draftMark, formatDate, formatNumber, formatPercent, label } from './format';
import { accountName, signed } from './newDocKit';
import type { ReadinessCheck, MissingInput } from './readiness';
import { currentContract, type AccountSnapshot } from './snapshot';
import type { BuildOptions, BuiltFile } from './types';

type Plan = EntityDoc<'successPlan'>;
type Criterion = Plan['criteria'][number];

/** The plan a case is written from: the latest year's with criteria, else the latest. */
export function casePlan(s: AccountSnapshot): Plan | null {
  const byYear = [...s.successPlans].sort((a, b) => a.year - b.year);
  return byYear.filter((p) => p.criteria.length).at(-1) ?? byYear.at(-1) ?? null;
}

/** A criterion's result: its latest reading against the baseline. */
export function criterionResult(c: Criterion) {
  const latest = [...c.readings].sort((a, b) => a.date.localeCompare(b.date)).at(-1) ?? null;
  if (!latest) return null;
  const change = latest.value - c.baseline;
  const relative = c.baseline !== 0 ? change / Math.abs(c.baseline) : null;
  const progress = c.target !== c.baseline ? change / (c.target - c.baseline) : null;
  return { date: latest.date, value: latest.value, change, relative, progress };
}

export const caseReadiness: ReadinessCheck = (s) => {
  const plan = casePlan(s);
  const missing: MissingInput[] = [];
  if (!plan?.criteria.length)
    missing.push({ need: 'deliverables.need.caseBaseline', tab: 'success' });
  else if (!plan.criteria.some((c) => c.readings.length))
    missing.push({ need: 'deliverables.need.caseResults', tab: 'success' });
  if (!plan?.successCase?.pains.length)
    missing.push({ need: 'deliverables.need.caseStory', tab: 'success' });
  return missing;
};

export async function buildSuccessCase(s: AccountSnapshot, o: BuildOptions): Promise<BuiltFile> {
  const L = o.locale;
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(L, key, params);
  const person = personFormatter(s.people, L);
  const warnings: string[] = [];
  const name = accountName(s, L);
  const plan = casePlan(s);
  const story = plan?.successCase;
  const contract = currentContract(s);
  const first = s.contracts[0];
  const sep = L === 'zh-CN' ? '、' : ', ';
  if (!s.account.reference.caseStudy) warnings.push(tr('deliverables.case.warnNoConsent'));
  if (s.account.specialTerms.length)
    warnings.push(tr('deliverables.case.warnTerms', { terms: s.account.specialTerms.join(sep) }));
  if (!story) warnings.push(tr('deliverables.case.warnNoStory'));
  const none = tr('deliverables.common.none');

  const body: FileChild[] = [
    title(tr('deliverables.case.title', { account: name })),
    para(
      tr('deliverables.case.preparedBy', {
        csm: person(s.account.ownerCsm),
        date: formatDate(L, o.today),
      }),
    ),
    // 1 profile
    heading(tr('deliverables.case.s1')),
    fieldTable([
      [tr('deliverables.case.industry'), s.account.industry ?? ''],
      [tr('deliverables.case.region'), s.account.region ?? ''],
      [tr('deliverables.case.size'), s.account.size ? formatNumber(L, s.account.size) : ''],
      [tr('deliverables.case.products'), contract?.products.map((p) => p.name).join(sep) ?? ''],
      [tr('deliverables.case.since'), formatDate(L, first?.startDate)],
    ]),
  ];
  if (story?.profile) body.push(...story.profile.split('\n').map((l) => para(l, { indent: true })));
  // 2 pains
  body.push(heading(tr('deliverables.case.s2')));
  const pains = story?.pains ?? [];
  const urgent = s.handover?.needs?.urgentProblems;
  if (pains.length) body.push(...pains.map((p) => bullet(p.pain)));
  else if (urgent) body.push(bullet(urgent));
  else body.push(para(none, { indent: true }));
  // 3 why us
  body.push(heading(tr('deliverables.case.s3')));
  const why = story?.whyUs.length
    ? story.whyUs
    : s.handover?.needs?.whyBought
      ? [s.handover.needs.whyBought]
      : [];
  if (why.length) body.push(...why.map(bullet));
  else body.push(para(none, { indent: true }));
  // 4 results: each pain answered, each criterion against its baseline
  body.push(heading(tr('deliverables.case.s4')));
  const answered = pains.filter((p) => p.improvement);
  if (answered.length)
    body.push(
      ...answered.map((p) =>
        bullet(tr('deliverables.case.painAnswered', { pain: p.pain, improvement: p.improvement! })),
      ),
    );
  const criteria = plan?.criteria ?? [];
  const num = (v: number, unit?: string) => `${formatNumber(L, v, 2)}${unit ?? ''}`;
  if (criteria.length) {
    body.push(para(tr('deliverables.case.resultsIntro', { year: plan!.year }), { indent: true }));
    body.push(
      table(
        [
          tr('deliverables.case.metric'),
          tr('deliverables.case.baseline'),
          tr('deliverables.case.result'),
          tr('deliverables.case.change'),
          tr('deliverables.case.target'),
        ],
        criteria.map((c) => {
          const r = criterionResult(c);
          return [
            `${c.metric}\n${label(L, 'criterionKind', c.kind)}`,
            num(c.baseline, c.unit),
            r
              ? `${num(r.value, c.unit)}\n${tr('deliverables.case.asOf', { date: formatDate(L, r.date) })}`
              : '—',
            r
              ? `${signed(L, r.change, 2)}${c.unit ?? ''}${r.relative !== null ? ` (${signed(L, r.relative * 100, 1)}%)` : ''}`
              : '—',
            `${num(c.target, c.unit)}${r?.progress !== null && r?.progress !== undefined ? `\n${tr('deliverables.case.progress', { progress: formatPercent(L, r.progress) })}` : ''}`,
          ];
        }),
        [30, 15, 20, 18, 17],
      ),
    );
    if (!criteria.some((c) => c.readings.length))
      warnings.push(tr('deliverables.case.warnNoResults'));
  } else {
    body.push(para(tr('deliverables.case.noCriteria'), { indent: true }));
    warnings.push(tr('deliverables.case.warnNoResults'));
  }
  const usage = s.usage;
  if (usage.length >= 2 && usage[0].purchasedSeats > 0 && usage.at(-1)!.purchasedSeats > 0) {
    const a = usage[0];
    const b = usage.at(-1)!;
    body.push(
      para(
        tr('deliverables.case.usage', {
          from: formatDate(L, a.date),
          to: formatDate(L, b.date),
          rateFrom: formatPercent(L, a.activatedUsers / a.purchasedSeats),
          rateTo: formatPercent(L, b.activatedUsers / b.purchasedSeats),
          active: formatNumber(L, b.activeUsers),
        }),
        { indent: true },
      ),
    );
  }
  const buffer = await packDocument(body, {
    title: tr('deliverables.case.title', { account: name }),
    creator: person(s.account.ownerCsm),
    lang: L,
    draft: draftMark(o),
  });
  return { buffer, warnings };
}
