// Demo requirements library (issue 16): a pool of team-wide requirements across the loop's
// statuses, and the asks of each demo account, with a realistic spread: a few needs asked by
// many accounts (a power law), most by one or two; some declined with a reason, some planned
// with a release and a solution the customers confirmed (or not), some released with "tell the
// customer" tasks open, some told (a touchpoint each). Its own random stream, so the accounts'
// data is the same with or without it.
import { ulid } from 'ulid';
import { SCHEMA_VERSION } from '../../shared/domain/common';
import type {
  AskImportance,
  ProductArea,
  RequirementStatus,
} from '../../shared/domain/entities/requirement';
import { TEAM_ACCOUNT_ID } from '../../shared/domain/ids';
import { addDays, DAY_MS, dayNumber } from '../../shared/time/days';
import type { DemoOptions } from './generate';
import { Random } from './random';

/** A demo document as the generator writes it. */
export type DemoRequirementDoc = Record<string, unknown> & {
  _id: string;
  type: string;
  accountId: string;
};
type Doc = DemoRequirementDoc;

interface Template {
  title: string;
  scenario: string;
  workaround?: string;
  blocks?: string;
  area: ProductArea;
  solution: string;
}

/** Needs as CSMs restore them: who, why, the workaround, what it blocks. */
export const REQUIREMENT_TEMPLATES: readonly Template[] = [
  {
    title: '按部门导出月度业务报表',
    scenario: '财务每月初要按部门汇总工时与费用，交给管理层审阅；现在只能逐个部门导出再手工合并。',
    workaround: '逐个部门导出 Excel，再用透视表合并，每月约两天。',
    blocks: '月度经营会的数据准备',
    area: 'reporting',
    solution: '报表中心增加“按部门”维度，支持一键导出全部部门的汇总表。',
  },
  {
    title: '审批流支持按金额分级',
    scenario:
      '采购审批超过 5 万元需总监加签，超过 50 万元需总经理审批；现有审批流只能固定一条路线。',
    workaround: '金额大的单据线下找领导签字，再回系统补录。',
    blocks: '集团采购制度的上线',
    area: 'workflow',
    solution: '审批流节点支持条件分支，按单据字段（如金额）走不同路线。',
  },
  {
    title: '与企业微信组织架构同步',
    scenario: 'HR 在企业微信维护组织架构，人员入离职后系统账号要手工调整，常有遗漏。',
    workaround: 'IT 每周对一次人员名单，手工增删账号。',
    blocks: '全员推广（3000 人）',
    area: 'integration',
    solution: '提供企业微信通讯录定时同步，离职人员自动停用。',
  },
  {
    title: 'Bulk import of historical contracts',
    scenario:
      'The legal team keeps five years of contracts in spreadsheets and needs them in the system before the audit, with their attachments.',
    workaround: 'Contracts are entered one by one; about 40 a day.',
    blocks: 'The annual audit',
    area: 'dataImport',
    solution: 'An import wizard for contracts with a column mapping and a dry run.',
  },
  {
    title: '移动端离线填写拜访记录',
    scenario: '销售常在工厂和郊区拜访客户，信号差，移动端无法提交拜访记录，回到办公室后已记不全。',
    workaround: '先写在纸上或微信备忘，回公司再录入。',
    area: 'mobile',
    solution: '移动端支持离线草稿，联网后自动提交。',
  },
  {
    title: '字段级权限：隐藏合同金额',
    scenario: '客服人员需要查看客户资料，但不应看到合同金额和折扣。',
    workaround: '给客服单独建一套精简的报表，不开放客户详情页。',
    blocks: '客服团队上线',
    area: 'permissions',
    solution: '角色权限支持字段级“可见 / 只读 / 隐藏”。',
  },
  {
    title: '逾期任务提醒推送到钉钉',
    scenario: '一线员工很少登录系统，任务逾期了也不知道，主管只能每天在群里催。',
    workaround: '主管每天导出逾期清单发到钉钉群。',
    area: 'notifications',
    solution: '任务到期和逾期时通过钉钉工作通知提醒负责人。',
  },
  {
    title: '首页看板早高峰加载慢',
    scenario: '每天早上 9 点全员打开首页看板，加载要 20 秒以上，影响晨会。',
    workaround: '晨会前由助理提前截图看板。',
    blocks: '管理层晨会',
    area: 'performance',
    solution: '看板数据预计算并缓存，早高峰前自动刷新。',
  },
  {
    title: 'Custom fields on the opportunity stage',
    scenario:
      'Each business unit tracks different checkpoints per stage (credit check, technical sign-off) and wants them on the opportunity.',
    workaround: 'Checkpoints are kept in a shared spreadsheet next to the system.',
    area: 'workflow',
    solution: 'Stage-specific custom fields and required checkpoints before moving stage.',
  },
  {
    title: '报表订阅：每周一自动发送邮件',
    scenario: '区域经理每周一要看上周的业绩报表，希望不登录系统也能收到。',
    workaround: '运营每周一手工导出报表发邮件。',
    area: 'reporting',
    solution: '报表支持订阅，按周期把 PDF 和 Excel 发到指定邮箱。',
  },
  {
    title: '单点登录（SAML）对接集团门户',
    scenario: '集团要求所有系统通过统一门户登录，员工不再单独记密码。',
    workaround: '暂用账号密码登录，密码定期重置。',
    blocks: '集团信息安全检查',
    area: 'integration',
    solution: '支持 SAML 2.0 单点登录，可对接集团身份提供方。',
  },
  {
    title: '导入时自动识别重复客户',
    scenario: '各分公司导入客户名单时常有重名或简称不同的同一客户，导致重复跟进。',
    workaround: '导入后由专人按名称排序人工去重。',
    area: 'dataImport',
    solution: '导入时按名称、统一社会信用代码和电话模糊匹配，提示可能的重复。',
  },
  {
    title: '移动端扫描名片建联系人',
    scenario: '展会上一天收几百张名片，回来逐张录入，很多当天来不及跟进。',
    area: 'mobile',
    solution: '移动端拍照识别名片，自动生成联系人并关联客户。',
  },
  {
    title: '数据权限按区域隔离',
    scenario: '华东和华南是两个独立核算的团队，彼此不应看到对方的客户和商机。',
    workaround: '两个区域分别用两个账套。',
    blocks: '合并为一个账套',
    area: 'permissions',
    solution: '数据权限支持按区域维度隔离，管理层可跨区域查看。',
  },
  {
    title: '合同到期前自动提醒续约',
    scenario: '合同到期前 90 天需要开始续约沟通，目前靠负责人自己记，曾错过续约窗口。',
    area: 'notifications',
    solution: '合同到期前按设定天数提醒负责人和主管。',
  },
  {
    title: '大数据量列表导出超时',
    scenario: '导出超过 5 万行的客户列表时请求超时，只能分多次按条件导出。',
    workaround: '按月份分批导出再合并。',
    area: 'performance',
    solution: '大列表改为后台异步导出，完成后通知下载。',
  },
];

const MODULE_PREFIX = ['', '', '', '客户管理：', '合同管理：', '报表分析：', '审批流：', 'Sales: '];

/** Statuses in the loop, about as often as a team sees them. */
const STATUS_SPREAD: readonly [RequirementStatus, number][] = [
  ['collected', 0.3],
  ['underReview', 0.18],
  ['planned', 0.15],
  ['inDevelopment', 0.1],
  ['released', 0.08],
  ['customersTold', 0.07],
  ['declined', 0.12],
];

const DECLINE_REASONS = [
  '超出产品规划：属于 ERP 的库存管理范围，建议通过集成对接。',
  '只有单个客户需要，且已有可接受的替代方案。',
  'Covered by the new report builder; no separate feature planned.',
  '与现有权限模型冲突，改动成本过高，暂不做。',
];

const IMPORTANCE_SPREAD: readonly [AskImportance, number][] = [
  ['blocking', 0.12],
  ['major', 0.3],
  ['moderate', 0.33],
  ['improvement', 0.25],
];

function weighted<T>(rnd: Random, spread: readonly [T, number][]): T {
  let roll = rnd.next();
  for (const [value, share] of spread) {
    if (roll < share) return value;
    roll -= share;
  }
  return spread[spread.length - 1][0];
}

const RELEASES = ['v5.1', 'v5.2', 'v5.3', 'v6.0', '2026.4', '2027.1'];

interface PoolEntry {
  doc: Doc;
  status: RequirementStatus;
  releasedOn?: string;
}

/** Requirements for a team of `accounts` accounts: one per two accounts, at least 12. */
export function demoRequirementCount(accounts: number): number {
  return accounts === 0 ? 0 : Math.max(12, Math.round(accounts * 0.5));
}

export class DemoRequirements {
  readonly pool: PoolEntry[] = [];
  /** Requirements not asked for yet: every requirement was raised by some account. */
  private unasked = 0;
  private readonly rnd: Random;
  private readonly todayMs: number;

  constructor(
    private readonly opts: DemoOptions,
    accounts: number,
  ) {
    // A stream of its own: the accounts' documents do not change with it.
    this.rnd = new Random((opts.seed * 7919 + 16) >>> 0);
    this.todayMs = dayNumber(opts.today) * DAY_MS;
    const count = demoRequirementCount(accounts);
    for (let i = 0; i < count; i++) this.pool.push(this.requirement(i));
  }

  private envelope(type: string, accountId: string, daysAgo: number, key?: string): Doc {
    const at = new Date(
      this.todayMs - daysAgo * DAY_MS + this.rnd.int(0, DAY_MS - 1),
    ).toISOString();
    const accountKey = accountId.slice('account:'.length);
    return {
      _id: `${type}:${accountKey}:${key ?? ulid(Date.parse(at), () => this.rnd.next())}`,
      type,
      accountId,
      schemaVersion: SCHEMA_VERSION,
      createdAt: at,
      createdBy: this.opts.user,
      updatedAt: at,
      updatedBy: this.opts.user,
    };
  }

  private requirement(index: number): PoolEntry {
    const rnd = this.rnd;
    const template = REQUIREMENT_TEMPLATES[index % REQUIREMENT_TEMPLATES.length];
    const round = Math.floor(index / REQUIREMENT_TEMPLATES.length);
    // The first round is the templates as they are; later ones are the same needs per module.
    const prefix = round === 0 ? '' : MODULE_PREFIX[(index + round) % MODULE_PREFIX.length];
    const status = weighted(rnd, STATUS_SPREAD);
    const daysAgo = rnd.int(10, 380);
    const doc: Doc = {
      ...this.envelope('requirement', TEAM_ACCOUNT_ID, daysAgo),
      title: `${prefix}${template.title}${round > 1 ? ` (${round})` : ''}`.slice(0, 200),
      scenario: template.scenario,
      ...(template.workaround ? { workaround: template.workaround } : {}),
      ...(template.blocks ? { blocks: template.blocks } : {}),
      productArea: template.area,
      status,
    };
    const entry: PoolEntry = { doc, status };
    if (status === 'declined') doc.declineReason = rnd.pick(DECLINE_REASONS);
    if (['planned', 'inDevelopment', 'released', 'customersTold'].includes(status)) {
      doc.release = rnd.pick(RELEASES);
      doc.solution = template.solution;
    } else if (status === 'underReview' && rnd.chance(0.4)) doc.solution = template.solution;
    if (status === 'released' || status === 'customersTold') {
      const releasedOn = addDays(this.opts.today, -rnd.int(3, Math.min(120, daysAgo)));
      doc.releasedOn = releasedOn;
      entry.releasedOn = releasedOn;
    }
    return entry;
  }

  /** The team-wide requirement documents. */
  requirementDocs(): Doc[] {
    return this.pool.map((p) => p.doc);
  }

  /** A requirement, popular ones far more often (a power law over the pool). */
  private pickRequirement(): PoolEntry {
    const u = this.rnd.next();
    return this.pool[Math.min(this.pool.length - 1, Math.floor(this.pool.length * u ** 2.4))];
  }

  /** The asks of one account's documents (and the touchpoints and tasks telling makes). */
  asksFor(accountDocs: Doc[]): Doc[] {
    const rnd = this.rnd;
    const account = accountDocs.find((d) => d.type === 'account');
    if (!account || this.pool.length === 0) return [];
    const accountId = account._id;
    const tier = account.tier as string;
    const count =
      tier === 'strategic' ? rnd.int(1, 5) : tier === 'ordinary' ? rnd.int(0, 3) : rnd.int(0, 2);
    const contacts = accountDocs.filter((d) => d.type === 'contact' && d.active !== false);
    const issues = accountDocs.filter(
      (d) => d.type === 'issue' && String(d.raisedOn) <= this.opts.today,
    );
    const visits = accountDocs.filter((d) => d.type === 'visit' && d.status === 'done');
    const out: Doc[] = [];
    const asked = new Set<string>();
    for (let i = 0; i < count; i++) {
      const raises = i === 0 && this.unasked < this.pool.length && rnd.chance(0.75);
      const entry = raises ? this.pool[this.unasked++] : this.pickRequirement();
      if (asked.has(entry.doc._id)) continue;
      asked.add(entry.doc._id);
      const fromIssue = issues.length > 0 && rnd.chance(0.45);
      const fromVisit = !fromIssue && visits.length > 0 && rnd.chance(0.45);
      const source = fromIssue ? rnd.pick(issues) : fromVisit ? rnd.pick(visits) : null;
      const createdAgo = Math.max(
        0,
        Math.round((this.todayMs - Date.parse(String(entry.doc.createdAt))) / DAY_MS),
      );
      const askedOn = source
        ? String(source.raisedOn ?? source.date)
        : addDays(this.opts.today, -rnd.int(0, createdAgo));
      const contact = contacts.length ? rnd.pick(contacts) : null;
      const ask: Doc = {
        ...this.envelope('requirementAsk', accountId, rnd.int(0, createdAgo)),
        requirementId: entry.doc._id,
        askedOn,
        importance: weighted(rnd, IMPORTANCE_SPREAD),
        sourceType: source ? source.type : 'other',
        ...(source ? { sourceId: source._id } : {}),
        ...(contact ? { contactId: contact._id } : {}),
      };
      if (rnd.chance(0.3))
        ask.note = rnd.pick([
          '客户原话：这个不解决，下半年的推广没法做。',
          '决策人在季度回顾上再次提到。',
          'Raised again at the renewal meeting.',
          '有替代方案，但每月多花一天人工。',
        ]);
      if (entry.doc.solution && entry.status !== 'collected') {
        const answer = rnd.next();
        if (answer < 0.7 || entry.status === 'customersTold' || entry.status === 'released')
          ask.confirmation = {
            status: answer < 0.08 ? 'rejected' : 'confirmed',
            on: addDays(this.opts.today, -rnd.int(15, 60)),
            by: String(account.ownerCsm),
            ...(answer < 0.08 ? { note: '客户希望直接对接他们的系统，而不是导出文件。' } : {}),
          };
        else if (answer < 0.85)
          ask.confirmation = {
            status: 'pending',
            on: addDays(this.opts.today, -rnd.int(1, 14)),
            by: String(account.ownerCsm),
          };
      }
      out.push(ask);
      if (entry.releasedOn) {
        const told = entry.status === 'customersTold' || rnd.chance(0.45);
        if (told) {
          const toldOn = addDays(entry.releasedOn, rnd.int(0, 2));
          const touchpoint: Doc = {
            ...this.envelope('touchpoint', accountId, 1),
            kind: rnd.pick(['call', 'email', 'chat'] as const),
            date: toldOn > this.opts.today ? this.opts.today : toldOn,
            subject:
              `告知客户：“${String(entry.doc.title)}”已在 ${String(entry.doc.release)} 上线`.slice(
                0,
                500,
              ),
            contacts: contact ? [String(contact.name)] : [],
          };
          ask.toldOn = touchpoint.date;
          ask.toldTouchpointId = touchpoint._id;
          out.push(touchpoint);
        } else {
          out.push({
            ...this.envelope('task', accountId, 1),
            title: `告知客户：“${String(entry.doc.title)}”已上线`.slice(0, 200),
            owner: String(account.ownerCsm),
            dueDate: addDays(entry.releasedOn, 7),
            done: false,
            origin: { kind: 'requirementTell', requirementId: entry.doc._id, askId: ask._id },
          });
        }
      }
    }
    return out;
  }
}
