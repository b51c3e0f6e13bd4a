// Realistic bilingual demo data: every tier, with contracts, people, handovers, SOWs, plans,
// issues, visits, touchpoints and usage. Deterministic for a given seed and clock.
import { ulid } from 'ulid';
import { SCHEMA_VERSION } from '../../shared/domain/common';
import type { EntityDoc, EntityType } from '../../shared/domain/entities';
import { issuePriorities, issueStatuses } from '../../shared/domain/entities/issue';
import { standardPhases } from '../../shared/domain/entities/projectPlan';
import { issueNumberTag } from '../../shared/rules/issues';
import { CONTRACT_STATUS_AFTER_OUTCOME, RENEWAL_WINDOW_DAYS } from '../../shared/rules/renewal';
import {
  addDays,
  addMonths,
  DAY_MS,
  dayNumber,
  daysBetween,
  lastDayOfMonth,
  weekOf,
} from '../../shared/time/days';
import { normaliseIndustry } from '../../shared/rules/industry';
import { Random } from './random';
import * as v from './vocabulary';

type Doc = Record<string, unknown> & { _id: string; type: EntityType; accountId: string };

export interface DemoOptions {
  seed: number;
  /** The calendar day the data is dated relative to (the clock's today). */
  today: string;
  user: string;
}

/** Days counted from a demo's today, each made once: the generator asks for them very often. */
const daysFrom = new Map<string, Map<number, string>>();

function dayFrom(today: string, offsetDays: number): string {
  let days = daysFrom.get(today);
  if (!days) daysFrom.set(today, (days = new Map()));
  let day = days.get(offsetDays);
  if (day === undefined) days.set(offsetDays, (day = addDays(today, offsetDays)));
  return day;
}

class AccountBuilder {
  readonly docs: Doc[] = [];
  readonly accountId: string;
  private readonly key: string;
  /** Midnight UTC of the demo's today: the base of its timestamps and ids. */
  private readonly todayMs: number;

  constructor(
    private readonly rnd: Random,
    private readonly opts: DemoOptions,
    index: number,
  ) {
    this.todayMs = dayNumber(opts.today) * DAY_MS;
    this.key = ulid(this.todayMs - 400 * DAY_MS + index * 1000, () => rnd.next());
    this.accountId = `account:${this.key}`;
  }

  day(offsetDays: number): string {
    return dayFrom(this.opts.today, offsetDays);
  }

  add(type: EntityType, fields: Record<string, unknown>, createdDaysAgo = 30, rnd = this.rnd): Doc {
    const at = new Date(
      this.todayMs - createdDaysAgo * DAY_MS + rnd.int(0, DAY_MS - 1),
    ).toISOString();
    const id =
      type === 'account'
        ? this.accountId
        : `${type}:${this.key}:${ulid(Date.parse(at), () => rnd.next())}`;
    const doc: Doc = {
      ...fields,
      _id: id,
      type,
      accountId: this.accountId,
      schemaVersion: SCHEMA_VERSION,
      createdAt: at,
      createdBy: this.opts.user,
      updatedAt: at,
      updatedBy: this.opts.user,
    };
    this.docs.push(doc);
    return doc;
  }
}

function personName(rnd: Random): string {
  return rnd.chance(0.2)
    ? rnd.pick(v.ENGLISH_PEOPLE)
    : rnd.pick(v.SURNAMES) + rnd.pick(v.GIVEN) + (rnd.chance(0.5) ? rnd.pick(v.GIVEN) : '');
}

/** All documents of one demo account. */
export function demoAccount(rnd: Random, opts: DemoOptions, index: number): Doc[] {
  const b = new AccountBuilder(rnd, opts, index);
  const roll = rnd.next();
  const tier = roll < 0.1 ? 'strategic' : roll < 0.4 ? 'ordinary' : 'micro';
  const [city, cityEn] = rnd.pick(v.CITIES);
  const [brand, brandEn] = rnd.pick(v.BRANDS);
  const [industry, industryEn, suffix, suffixEn] = rnd.pick(v.INDUSTRIES);
  const english = rnd.chance(0.25);
  const name = english
    ? `${rnd.pick(v.ENGLISH_COMPANIES)} ${index + 1}`
    : `${city}${brand}${suffix}`;
  const seats =
    tier === 'strategic'
      ? rnd.int(200, 2000)
      : tier === 'ordinary'
        ? rnd.int(50, 300)
        : rnd.int(5, 50);
  const ownerCsm = rnd.pick(v.CSMS);
  const consultant = rnd.pick(v.CONSULTANTS);
  const stage = rnd.pick([
    'implementation',
    'acceptance',
    'rollout',
    'stableUse',
    'stableUse',
    'renewal',
  ] as const);
  const risk = rnd.pick(['none', 'none', 'none', 'low', 'medium', 'high'] as const);

  b.add(
    'account',
    {
      name,
      nameEn: english ? undefined : `${cityEn} ${brandEn} ${suffixEn}`,
      // Stored as the schema stores it: one value per industry (金融 and Finance are `finance`).
      industry: normaliseIndustry(english ? industryEn : industry),
      region: english ? 'International' : v.REGIONS[city],
      size: seats * rnd.int(2, 5),
      tier,
      growthPotential: rnd.chance(0.2),
      ownerCsm,
      consultant,
      salesOwner: rnd.pick(v.SALES),
      assignees: [],
      lifecycleStage: stage,
      riskLevel: risk,
      reference: { caseStudy: rnd.chance(0.1), logoUse: rnd.chance(0.2), speaker: false },
      tags: rnd.chance(0.3) ? ['标杆'] : [],
      northStarMetric: '月活跃用户',
      specialTerms: rnd.chance(0.3) ? ['不得对外宣传', '续约涨价不超过10%'] : [],
    },
    400,
  );

  const [product, edition] = rnd.pick(v.PRODUCTS);
  const unitPrice = tier === 'micro' ? 600 : 1200;
  const start = b.day(-rnd.int(60, 700));
  const years = rnd.pick([1, 1, 2, 3]);
  const end = addDays(start, years * 365 - 1);
  const discount = rnd.pick([0, 0.1, 0.15, 0.2]);
  const contract = b.add(
    'contract',
    {
      contractNo: `HT-${start.slice(0, 4)}-${String(index + 1).padStart(5, '0')}`,
      products: [
        {
          name: product,
          nameEn: v.PRODUCT_EN[product],
          edition,
          modules: v.MODULES.map((m) => ({ name: m, nameEn: v.MODULE_EN[m] })),
          quantity: seats,
          unit: 'seat',
          unitPrice,
          discount,
        },
      ],
      currency: 'CNY',
      amount: Math.round(seats * unitPrice * (1 - discount) * years),
      paymentTerms: rnd.pick(['签约后 30 天内一次付清', '按年预付', 'Annual in advance']),
      paid: rnd.chance(0.9),
      startDate: start,
      endDate: end,
      serviceLevel: tier === 'strategic' ? 'premium7x24' : 'standard5x8',
      status: end < b.day(0) ? 'expired' : 'active',
    },
    300,
  );
  // A contract in its tier's renewal window carries a forecast and the self-check, its
  // likelihood following the risk (an ended one gets its outcome in renewOrChurn).
  const likelihood = { none: 80, low: 70, medium: 50, high: 30 }[risk];
  const selfCheck = {
    purchaseReasonMet: risk === 'high' ? 'no' : 'yes',
    decisionChainChanged: risk === 'high' || risk === 'medium' ? 'yes' : 'no',
    promisesUnfulfilled: risk === 'none' ? 'no' : 'unknown',
    notes: risk === 'none' ? '使用稳定，决策人支持续约' : '决策链有变化，需尽快拜访新的决策人',
  };
  if (end >= b.day(0) && daysBetween(b.day(0), end) <= RENEWAL_WINDOW_DAYS[tier]) {
    contract.renewal = {
      forecastAmount: contract.amount,
      likelihood,
      selfCheck,
    };
  }

  const contacts: Doc[] = [];
  const contactCount = tier === 'micro' ? 3 : 5;
  for (let i = 0; i < contactCount; i++) {
    const [position, role] = v.POSITIONS[i % v.POSITIONS.length];
    const left = i === 1 && rnd.chance(0.05);
    contacts.push(
      b.add(
        'contact',
        {
          name: personName(rnd),
          position,
          phone: `138${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`,
          roles: [role],
          influence: i < 2 ? 'high' : rnd.pick(['medium', 'low'] as const),
          stance:
            role === 'opponent'
              ? 'opposed'
              : rnd.pick(['supportive', 'supportive', 'neutral'] as const),
          lastContactOn: b.day(-rnd.int(1, 90)),
          active: !left,
          leftOn: left ? b.day(-rnd.int(1, 30)) : undefined,
        },
        280,
      ),
    );
  }

  b.add(
    'handover',
    {
      basics: {
        overview: `${name}，${industry}行业，员工约 ${seats * 3} 人。`,
        employees: seats * 3,
      },
      sales: {
        products: `${product} ${seats} 席`,
        quantity: seats,
        price: unitPrice,
        discount,
        paymentTerms: '按年预付',
      },
      keyPeople: contacts.slice(0, 3).map((c, i) => ({
        key: `kp${i}`,
        contactId: c._id,
        name: c.name,
        position: c.position,
        role: (c.roles as string[])[0],
      })),
      needs: {
        businessGoals: '提升销售过程透明度，缩短回款周期',
        departments: '销售部、客服部',
        userCount: seats,
        whyBought: '原有系统无法支持移动办公',
        urgentProblems: '报表需要手工汇总',
        serviceDemands: '需要驻场实施顾问',
      },
      history: '经过两轮演示和一次 POC 后签约。',
      implementationPlan: { summary: '分两期实施，一期上线客户与商机管理。', startDate: start },
      supportNeeds: '上线后两个月内每周回访',
      anticipatedIssues: [
        { key: 'ai1', issue: '历史数据质量较差', proposedAnswer: '上线前安排数据清洗' },
      ],
      salesFeedback: { demoUsed: '标准演示环境', researchMaterial: '调研问卷' },
      commitments: { ours: ['两周内完成数据迁移'], theirs: ['上线后提供案例推荐'] },
      faceToFace: tier === 'strategic',
      signOff: {
        sales: { by: 'ma.chao', at: `${start}T10:00:00.000Z` },
        csm: { by: ownerCsm, at: `${start}T11:00:00.000Z` },
      },
    },
    300,
  );

  b.add(
    'sow',
    {
      title: `${name} ${product}实施工作说明书`,
      scope: {
        partyA: ['提供业务需求和历史数据', '组织用户参加培训'],
        partyB: ['系统配置与测试', '数据迁移', '用户培训'],
      },
      deliverables: [
        {
          key: 'd1',
          name: '需求调研报告',
          acceptanceCriteria: '甲方项目经理签字确认',
          status: 'accepted',
          result: '通过',
        },
        {
          key: 'd2',
          name: '系统配置',
          acceptanceCriteria: '测试用例全部通过',
          status: 'accepted',
          result: '通过',
        },
        {
          key: 'd3',
          name: '数据迁移',
          acceptanceCriteria: '历史客户数据完整导入，抽检无误',
          status: 'delivered',
        },
        {
          key: 'd4',
          name: '用户培训',
          acceptanceCriteria: '关键用户培训覆盖率 100%',
          status: 'pending',
        },
      ],
      outOfScope: [
        { key: 'o1', item: '与 ERP 系统集成', phase2: true },
        { key: 'o2', item: '移动端定制开发', phase2: true },
      ],
      assumptions: ['甲方按时提供历史数据'],
      changeRequests: [
        {
          key: 'c1',
          title: '增加合同审批流',
          requestedOn: b.day(-100),
          core: true,
          urgent: true,
          extraWorkload: true,
          decision: 'supplementaryContract',
        },
        {
          key: 'c2',
          title: '自定义首页看板',
          requestedOn: b.day(-90),
          core: false,
          urgent: false,
          extraWorkload: true,
          decision: 'deferred',
        },
      ],
    },
    290,
  );

  let cursor = start;
  const phases = standardPhases.map((phase, i) => {
    const plannedStart = cursor;
    cursor = addDays(cursor, rnd.int(7, 21));
    const plannedEnd = cursor;
    const slip = rnd.int(0, 5);
    const finished = addDays(cursor, slip) < b.day(0);
    return {
      key: `p${i}`,
      phase,
      owner: consultant,
      plannedStart,
      plannedEnd,
      actualStart: finished ? plannedStart : undefined,
      actualEnd: finished ? addDays(cursor, slip) : undefined,
    };
  });
  b.add(
    'projectPlan',
    {
      name: `${name}实施项目`,
      nameEn: `${english ? name : `${cityEn} ${brandEn} ${suffixEn}`} implementation project`,
      kickoffOn: start,
      goLiveOn: phases[phases.length - 1].plannedEnd,
      phases,
      roles: [
        {
          key: 'r1',
          side: 'partyA',
          role: '项目经理',
          responsible: String(contacts[contacts.length > 4 ? 4 : 0].name),
          participants: [],
        },
        {
          key: 'r2',
          side: 'partyB',
          role: '实施顾问',
          responsible: consultant,
          participants: [ownerCsm],
        },
      ],
      weeklyReports: demoWeeklyReports(b, phases, consultant, ownerCsm),
      discussionRounds: rnd.int(3, 12),
      onSiteTrainings: rnd.int(1, 6),
      modulesLive: v.MODULES.slice(0, rnd.int(2, 5)),
    },
    290,
  );

  const year = Number(opts.today.slice(0, 4));
  b.add(
    'successPlan',
    {
      year,
      goals: '提升销售转化率，降低客服响应时间',
      criteria: [
        {
          key: 'k1',
          kind: 'revenueGrowth',
          metric: '商机转化率',
          unit: '%',
          baseline: 5,
          benchmark: 8,
          target: 10,
          quarterlyTargets: { q1: 6, q2: 8, q3: 9, q4: 10 },
          readings: [
            { date: `${year}-03-31`, value: 5.5 + rnd.int(0, 10) / 10 },
            { date: `${year}-06-30`, value: 6.5 + rnd.int(0, 20) / 10 },
            { date: `${year}-09-30`, value: 7 + rnd.int(0, 25) / 10 },
          ],
        },
        {
          key: 'k2',
          kind: 'costReduction',
          metric: '客服平均响应时间',
          unit: 'h',
          baseline: 24,
          target: 4,
          quarterlyTargets: { q1: 16, q2: 8, q3: 6, q4: 4 },
          readings: [{ date: `${year}-06-30`, value: rnd.int(5, 12) }],
        },
      ],
      milestones: [
        {
          key: 'm1',
          title: '一期上线',
          dueDate: `${year}-03-31`,
          done: true,
          doneOn: `${year}-04-02`,
        },
        { key: 'm2', title: '二期启动', dueDate: `${year}-10-31`, done: false },
      ],
      meetings: [
        { key: 'mt1', title: '季度业务回顾', cadence: 'quarterly', attendees: [ownerCsm] },
      ],
      division: [],
      successCase: {
        profile: `${name}是${city}的${industry}企业，员工约 ${String(b.docs[0].size)} 人，以直销团队覆盖区域客户，服务响应快是其核心优势。`,
        pains: [
          {
            key: 'sp1',
            pain: '报表需要手工汇总，月底对账耗时数天',
            improvement: '报表自动汇总，对账缩短到半天',
          },
          {
            key: 'sp2',
            pain: '销售过程不透明，商机跟进依赖个人记忆',
            improvement: '商机阶段在线可见，转化率持续提升',
          },
          {
            key: 'sp3',
            pain: '客服响应慢，客户投诉多',
            improvement: '工单自动分派，平均响应时间大幅缩短',
          },
        ],
        whyUs: [
          '移动端体验好，支持外勤离线使用',
          '实施顾问驻场交付，上线有保障',
          '同行业成功案例多，可借鉴最佳实践',
        ],
      },
    },
    250,
  );

  const issueCount = tier === 'strategic' ? 20 : tier === 'ordinary' ? 14 : 8;
  const numberTag = issueNumberTag(opts.user);
  // Numbered in the order raised, as the backend would have handed the numbers out.
  const raisedDaysAgo = Array.from({ length: issueCount }, () => rnd.int(1, 240)).sort(
    (x, y) => y - x,
  );
  for (let i = 0; i < issueCount; i++) {
    const raisedAgo = raisedDaysAgo[i];
    const status = rnd.pick(issueStatuses);
    const raiser = rnd.pick(contacts);
    const owner = rnd.chance(0.5) ? consultant : ownerCsm;
    const module = rnd.pick(v.MODULES);
    b.add(
      'issue',
      {
        number: i + 1,
        numberTag,
        title: rnd.pick(v.ISSUE_TITLES),
        description: rnd.chance(0.7)
          ? `${String(raiser.name)}反馈：在${module}模块操作时出现该问题，影响日常工作，需确认原因与处理时间。`
          : undefined,
        category: rnd.pick(['need', 'bug', 'bug', 'question'] as const),
        module,
        raisedOn: b.day(-raisedAgo),
        raisedBy: String(raiser.name),
        raisedByContactId: raiser._id,
        priority: rnd.pick(issuePriorities),
        status,
        owner,
        dueDate: b.day(-raisedAgo + rnd.int(3, 30)),
        resolution: status === 'fixed' || status === 'closed' ? '已在新版本中修复' : undefined,
        comments:
          status === 'new'
            ? []
            : [
                {
                  key: 'c1',
                  by: owner,
                  at: `${b.day(-raisedAgo + 1)}T10:00:00.000Z`,
                  text: '已收到，正在复现并确认影响范围。',
                },
                ...(status === 'fixed' || status === 'closed'
                  ? [
                      {
                        key: 'c2',
                        by: owner,
                        at: `${b.day(-raisedAgo + 3)}T16:00:00.000Z`,
                        text: '修复已发布，请客户验证。',
                      },
                    ]
                  : []),
              ],
        customerConfirmation:
          status === 'closed'
            ? {
                confirmedBy: String(contacts[0].name),
                confirmedAt: `${b.day(-raisedAgo + 5)}T09:00:00.000Z`,
              }
            : undefined,
      },
      raisedAgo,
    );
  }

  const visitCount = tier === 'strategic' ? 10 : tier === 'ordinary' ? 6 : 3;
  for (let i = 0; i < visitCount; i++) {
    const future = i >= visitCount - 1;
    const offset = future ? rnd.int(1, 14) : -rnd.int(5, 300);
    b.add(
      'visit',
      {
        purpose: rnd.pick(v.VISIT_PURPOSES),
        agenda: ['回顾上期行动项', '问题清单进展', '下阶段计划'],
        date: b.day(offset),
        place: `${city}客户现场`,
        mode: tier === 'micro' ? 'remote' : 'onSite',
        attendees: {
          customer: contacts.slice(0, 2).map((c) => ({ contactId: c._id, name: String(c.name) })),
          vendor: [ownerCsm],
        },
        status: future ? 'planned' : 'done',
        minutes: future ? undefined : rnd.pick(v.MINUTES),
        painPointsSolved: future ? [] : ['报表汇总'],
        painPointsNew: future ? [] : ['移动审批'],
        commitments: future ? [] : ['两周内给出方案'],
        actionItems: future
          ? []
          : [
              {
                key: 'a1',
                title: rnd.pick(v.ACTION_TITLES),
                owner: ownerCsm,
                dueDate: b.day(offset + rnd.int(3, 30)),
                done: rnd.chance(0.6),
              },
            ],
      },
      future ? 3 : -offset,
    );
  }

  for (let i = 0; i < (tier === 'micro' ? 3 : 6); i++) {
    const ago = rnd.int(1, 200);
    b.add(
      'touchpoint',
      {
        kind: rnd.pick(['call', 'chat', 'email', 'training'] as const),
        date: b.day(-ago),
        subject: rnd.pick([
          '电话回访',
          '微信沟通续约事宜',
          '产品培训',
          'Email follow-up on renewal',
        ]),
        notes: '客户反馈整体满意。',
        contacts: [String(contacts[0].name)],
      },
      ago,
    );
  }

  let activated = Math.round(seats * (0.3 + rnd.next() * 0.4));
  const trend = rnd.pick([-0.04, 0.02, 0.04, 0.06]);
  for (let m = 11; m >= 0; m--) {
    activated = Math.max(1, Math.min(seats, Math.round(activated * (1 + trend))));
    // One reading a month: each past month's last day, and today for this month (the usage
    // report compares two-month periods, so no calendar month may be without one).
    const [ry, rm] = addMonths(opts.today, -m).split('-').map(Number);
    const readingDay =
      m === 0 ? opts.today : `${ry}-${String(rm).padStart(2, '0')}-${lastDayOfMonth(ry, rm)}`;
    b.add(
      'usageReading',
      {
        date: readingDay,
        purchasedSeats: seats,
        importedUsers: seats,
        activatedUsers: activated,
        activeUsers: Math.round(activated * 0.8),
        dailyLogins: Math.round(activated * 0.45),
        depth: rnd.pick(['recording', 'process', 'integrated'] as const),
        moduleRecords: v.MODULES.slice(0, 3).map((module) => ({
          module,
          records: rnd.int(100, 50_000),
        })),
      },
      Math.max(0, daysBetween(readingDay, opts.today)),
    );
  }

  b.add(
    'survey',
    {
      kind: 'nps',
      date: b.day(-rnd.int(10, 170)),
      respondent: String(contacts[0].name),
      score: rnd.pick(NPS_ANSWERS),
    },
    100,
  );

  if (risk === 'high' || risk === 'medium') {
    // Drawn in this order (due, then opened) so the rest of the data stays as it was; a plan's
    // task is never due before the case was opened (shared/rules/tasks.ts).
    const dueIn = rnd.int(-10, 20);
    const openedAgo = rnd.int(5, 60);
    b.add(
      'riskCase',
      {
        level: risk,
        signs: ['fallingUsage', 'avoidsContact'],
        cause: '使用率持续下降，关键用户流失',
        countermeasures: '安排高层拜访，重新培训关键用户',
        actionPlan: [
          {
            key: 'ap1',
            task: '高层拜访',
            owner: ownerCsm,
            dueDate: b.day(Math.max(dueIn, -openedAgo)),
            done: false,
          },
        ],
        reviewMeetings: [],
        openedOn: b.day(-openedAgo),
        status: 'open',
      },
      40,
    );
  }
  if (rnd.chance(0.3)) {
    b.add(
      'opportunity',
      {
        kind: rnd.pick(['addOn', 'crossSell', 'services'] as const),
        title: rnd.pick(['增购 100 席', '营销自动化模块', '二期实施服务']),
        value: rnd.int(5, 50) * 10_000,
        stage: rnd.pick(['identified', 'qualified', 'proposal'] as const),
        expectedCloseOn: b.day(rnd.int(10, 120)),
      },
      20,
    );
  }
  renewOrChurn(b, contract, new Random(opts.seed * 7919 + index + 1));
  return b.docs;
}

/**
 * The project's weekly reports (项目周报) for this week and the three before: a summary of where
 * the plan stands and, every other week, a risk with its cause, solution and owner (the book).
 * Derived from the plan alone, so the demo's random sequence is unchanged.
 */
function demoWeeklyReports(
  b: AccountBuilder,
  phases: { phase: string; plannedEnd: string; actualEnd?: string }[],
  consultant: string,
  ownerCsm: string,
) {
  const risks = [
    {
      cause: '甲方历史数据质量较差，数据初始化可能延期',
      solution: '双方各出一人专项清洗数据，每日核对进度',
      owner: consultant,
    },
    {
      cause: '关键用户参加培训的时间难以协调',
      solution: '培训拆成两场，并录制视频供补课',
      owner: ownerCsm,
    },
  ];
  return [3, 2, 1, 0].map((weeksAgo, i) => {
    const { weekStart, weekEnd } = weekOf(b.day(-7 * weeksAgo));
    const done = phases.filter((p) => p.actualEnd && p.actualEnd <= weekEnd).length;
    return {
      key: `w${i + 1}`,
      weekOf: weekStart,
      summary: `本周完成阶段 ${done}/${phases.length}，按计划推进；已与甲方项目经理确认下周安排。`,
      risks: weeksAgo % 2 === 0 ? [risks[i % 2]] : [],
    };
  });
}

/** NPS answers as a B2B book sees them: mostly passives and promoters, some detractors. */
const NPS_ANSWERS = [3, 5, 6, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10] as const;
/** What happened to the seats at renewal: mostly flat, some upsell, a few cut. */
const SEAT_CHANGES = [1, 1, 1, 1, 1, 1, 1.1, 1.2, 1.3, 1.5, 0.7, 0.85] as const;
const CHURN_REASONS = [
  '预算削减，停止采购',
  '被竞品替换',
  '业务调整，不再使用',
  'Acquired; parent company standardised on another CRM',
] as const;

/**
 * An ended contract is followed by a successor (renewal, sometimes with more or fewer seats and
 * a price rise), or the account churned with a reason. Draws from its own per-account random
 * source, so the rest of the account stays the same for a seed.
 */
function renewOrChurn(b: AccountBuilder, contract: Doc, rnd: Random): void {
  const endDate = String(contract.endDate);
  if (endDate >= b.day(0)) return;
  const account = b.docs[0];
  if (rnd.chance(0.12)) {
    account.lifecycleStage = 'churned';
    account.churnReason = rnd.pick(CHURN_REASONS);
    account.churnedOn = endDate;
    contract.status = CONTRACT_STATUS_AFTER_OUTCOME.churned;
    contract.renewal = {
      outcome: 'churned',
      reason: account.churnReason,
      decidedOn: addDays(endDate, -10),
    };
    return;
  }
  contract.status = 'renewed';
  const [line] = contract.products as {
    quantity: number;
    unitPrice: number;
    discount: number;
  }[];
  const quantity = Math.max(1, Math.round(line.quantity * rnd.pick(SEAT_CHANGES)));
  const unitPrice = Math.round(line.unitPrice * rnd.pick([1, 1, 1.05, 1.1]));
  const years = rnd.pick([1, 1, 2]);
  const startDate = addDays(endDate, 1);
  const successor = b.add(
    'contract',
    {
      ...contract,
      contractNo: `${String(contract.contractNo)}-R`,
      products: [{ ...line, quantity, unitPrice }],
      amount: Math.round(quantity * unitPrice * (1 - line.discount) * years),
      paid: rnd.chance(0.9),
      startDate,
      endDate: addDays(startDate, years * 365 - 1),
      status: 'active',
    },
    Math.max(0, daysBetween(startDate, b.day(0))),
    rnd,
  );
  const downsized = quantity < line.quantity;
  contract.renewal = {
    forecastAmount: successor.amount,
    likelihood: downsized ? 60 : 90,
    selfCheck: {
      purchaseReasonMet: downsized ? 'no' : 'yes',
      decisionChainChanged: downsized ? 'yes' : 'no',
      promisesUnfulfilled: 'no',
    },
    outcome: downsized ? 'downsized' : 'renewed',
    reason: downsized ? '激活率偏低，按实际使用席位续约' : '核心流程已上线，客户认可价值',
    decidedOn: addDays(endDate, -20),
    successorContractId: successor._id,
  };
}

/** Documents of `count` demo accounts, batch by batch. */
export function* demoBatches(
  count: number,
  opts: DemoOptions,
  accountsPerBatch = 100,
): Generator<Doc[]> {
  const rnd = new Random(opts.seed);
  for (let start = 0; start < count; start += accountsPerBatch) {
    const batch: Doc[] = [];
    for (let i = start; i < Math.min(count, start + accountsPerBatch); i++)
      batch.push(...demoAccount(rnd, opts, i));
    yield batch;
  }
}

export type DemoDoc = EntityDoc<EntityType>;
