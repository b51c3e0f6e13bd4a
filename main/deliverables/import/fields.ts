// What can be imported from Excel, per kind: the fields, how each cell is read, and the header
// names (both languages) that suggest a column for it.
import { issuePriorities, issueStatuses } from '../../../shared/domain/entities/issue';
import { decisionChainRoles } from '../../../shared/domain/entities/contact';
import { lifecycleStages, tiers } from '../../../shared/domain/entities/account';
import type { EnumName } from '../../../shared/domain/entities/enums';
import { t, type MessageKey } from '../../../shared/i18n';
import type { ImportKind } from '../../../shared/api/deliverables';

export type FieldType = 'text' | 'date' | 'number' | 'money' | 'enum' | 'list' | 'enumList';

export interface ImportField {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Allowed values, and the enum whose labels name them (e.g. 'issuePriority'). */
  values?: readonly string[];
  labelGroup?: EnumName;
  /** Header names that suggest this field, besides the field name itself. */
  synonyms: string[];
  /** A person: a name from the team directory is read back as its login. */
  person?: boolean;
}

const both = (key: MessageKey) => [t('zh-CN', key), t('en-US', key)];
const col = (c: string) => both(`deliverables.issues.col.${c}` as MessageKey);
const hf = (c: string) => both(`deliverables.handover.field.${c}` as MessageKey);

export const ID_FIELD: ImportField = {
  name: 'id',
  type: 'text',
  synonyms: [...col('id'), 'ID', '_id'],
};

export const IMPORT_FIELDS: Record<ImportKind, ImportField[]> = {
  accounts: [
    ID_FIELD,
    {
      name: 'name',
      type: 'text',
      required: true,
      synonyms: [...hf('name'), '客户', '公司名称', 'Account', 'Company'],
    },
    { name: 'nameEn', type: 'text', synonyms: ['英文名称', 'English name'] },
    { name: 'industry', type: 'text', synonyms: hf('industry') },
    { name: 'region', type: 'text', synonyms: [...hf('region'), '区域'] },
    { name: 'size', type: 'number', synonyms: ['规模', '员工人数', 'Size', 'Employees'] },
    {
      name: 'tier',
      type: 'enum',
      required: true,
      values: tiers,
      labelGroup: 'tier',
      synonyms: [...hf('tier'), '等级', 'Tier'],
    },
    {
      name: 'ownerCsm',
      type: 'text',
      person: true,
      required: true,
      synonyms: ['客户成功经理', '负责人', 'CSM', 'Owner'],
    },
    { name: 'consultant', type: 'text', person: true, synonyms: ['实施顾问', 'Consultant'] },
    {
      name: 'salesOwner',
      type: 'text',
      person: true,
      synonyms: ['销售', '销售负责人', 'Sales', 'Sales owner'],
    },
    {
      name: 'lifecycleStage',
      type: 'enum',
      values: lifecycleStages,
      labelGroup: 'lifecycleStage',
      synonyms: ['阶段', '生命周期阶段', 'Stage'],
    },
    { name: 'tags', type: 'list', synonyms: ['标签', 'Tags'] },
  ],
  contacts: [
    ID_FIELD,
    { name: 'name', type: 'text', required: true, synonyms: ['姓名', '联系人', 'Name', 'Contact'] },
    { name: 'position', type: 'text', synonyms: hf('position') },
    { name: 'phone', type: 'text', synonyms: ['电话', '手机', 'Phone', 'Mobile'] },
    { name: 'email', type: 'text', synonyms: ['邮箱', '电子邮件', 'Email', 'E-mail'] },
    { name: 'wechat', type: 'text', synonyms: ['微信', 'WeChat'] },
    {
      name: 'roles',
      type: 'enumList',
      values: decisionChainRoles,
      labelGroup: 'contactRole',
      synonyms: [...hf('role'), '角色', 'Role', 'Roles'],
    },
    { name: 'lastContactOn', type: 'date', synonyms: ['最近联系', '最近联系日期', 'Last contact'] },
  ],
  issues: [
    ID_FIELD,
    {
      name: 'title',
      type: 'text',
      required: true,
      synonyms: [...col('title'), '标题', '问题', 'Title'],
    },
    {
      name: 'description',
      type: 'text',
      synonyms: [
        ...both('contractsUi.issueList.col.description'),
        '详细描述',
        '说明',
        'Description',
      ],
    },
    {
      name: 'category',
      type: 'enum',
      values: ['need', 'bug', 'question', 'other'],
      labelGroup: 'issueCategory',
      synonyms: col('category'),
    },
    { name: 'module', type: 'text', synonyms: col('module') },
    {
      name: 'raisedOn',
      type: 'date',
      required: true,
      synonyms: [...col('raisedOn'), '提出时间', 'Date raised'],
    },
    { name: 'raisedBy', type: 'text', person: true, synonyms: col('raisedBy') },
    {
      name: 'priority',
      type: 'enum',
      required: true,
      values: issuePriorities,
      labelGroup: 'issuePriority',
      synonyms: col('priority'),
    },
    {
      name: 'status',
      type: 'enum',
      values: issueStatuses,
      labelGroup: 'issueStatus',
      synonyms: col('status'),
    },
    { name: 'owner', type: 'text', person: true, synonyms: [...col('owner'), '处理人'] },
    { name: 'dueDate', type: 'date', synonyms: [...col('dueDate'), '截止日期', 'Due'] },
    { name: 'resolution', type: 'text', synonyms: [...col('resolution'), '处理结果'] },
  ],
  contracts: [
    ID_FIELD,
    {
      name: 'contractNo',
      type: 'text',
      required: true,
      synonyms: ['合同编号', '合同号', 'Contract number', 'Contract No', 'Contract no.'],
    },
    { name: 'product', type: 'text', synonyms: ['产品', '购买产品', '产品名称', 'Product'] },
    { name: 'quantity', type: 'number', synonyms: ['数量', '席位', '席位数', 'Seats', 'Quantity'] },
    {
      name: 'amount',
      type: 'money',
      required: true,
      synonyms: ['合同金额', '金额', '合同总额', 'Amount', 'Contract value', 'TCV'],
    },
    {
      name: 'startDate',
      type: 'date',
      required: true,
      synonyms: [
        '开始日期',
        '合同开始日期',
        '起始日期',
        '生效日期',
        'Start date',
        'Contract start',
      ],
    },
    {
      name: 'endDate',
      type: 'date',
      required: true,
      synonyms: ['到期日', '到期日期', '结束日期', '合同到期日', 'End date', 'Expiry date'],
    },
    {
      name: 'status',
      type: 'enum',
      values: ['active', 'renewed', 'expired', 'terminated'],
      labelGroup: 'contractStatus',
      synonyms: ['合同状态', 'Contract status'],
    },
    { name: 'paymentTerms', type: 'text', synonyms: ['付款条件', 'Payment terms'] },
    { name: 'notes', type: 'text', synonyms: ['备注', 'Notes'] },
  ],
  usage: [
    ID_FIELD,
    {
      name: 'date',
      type: 'date',
      required: true,
      synonyms: ['日期', '统计日期', '读数日期', 'Date', 'Reading date'],
    },
    {
      name: 'purchasedSeats',
      type: 'number',
      required: true,
      synonyms: ['购买席位', '购买席位数', '席位数', 'Purchased seats', 'Seats'],
    },
    {
      name: 'importedUsers',
      type: 'number',
      synonyms: ['导入用户数', '导入用户', 'Imported users'],
    },
    {
      name: 'activatedUsers',
      type: 'number',
      required: true,
      synonyms: ['激活用户数', '激活用户', 'Activated users'],
    },
    {
      name: 'activeUsers',
      type: 'number',
      synonyms: ['活跃用户数', '月活', '月活跃用户', 'Active users', 'MAU'],
    },
    { name: 'dailyLogins', type: 'number', synonyms: ['日登录', '日登录数', 'Daily logins'] },
  ],
};

/**
 * The other documents one account row may carry, each its own document linked to the account:
 * `contract.<field>` and `contact.<field>` in the mapping. A part is written when any of its
 * cells is filled; its own required fields are then required.
 */
export const ROW_PARTS: {
  prefix: 'contract' | 'contact';
  type: 'contract' | 'contact';
  fields: ImportField[];
}[] = [
  {
    prefix: 'contract',
    type: 'contract',
    fields: IMPORT_FIELDS.contracts
      .filter((f) => f.name !== 'id' && f.name !== 'notes')
      .map((f) => ({ ...f, name: `contract.${f.name}` })),
  },
  {
    prefix: 'contact',
    type: 'contact',
    fields: [
      {
        name: 'contact.name',
        type: 'text',
        required: true,
        synonyms: ['关键联系人', '联系人', '决策人', 'Key contact', 'Decision maker', 'Contact'],
      },
      {
        name: 'contact.position',
        type: 'text',
        synonyms: ['职位', '职务', 'Position', 'Job title'],
      },
      {
        name: 'contact.phone',
        type: 'text',
        synonyms: ['电话', '手机', '联系电话', '手机号', 'Phone', 'Mobile'],
      },
      { name: 'contact.email', type: 'text', synonyms: ['邮箱', '电子邮件', 'Email', 'E-mail'] },
      {
        name: 'contact.roles',
        type: 'enumList',
        values: decisionChainRoles,
        labelGroup: 'contactRole',
        synonyms: ['角色', '联系人角色', 'Role', 'Roles'],
      },
    ],
  },
];

/** Contacts, issues, contracts and usage readings may name their account in a column. */
export const ACCOUNT_NAME_FIELD: ImportField = {
  name: 'account',
  type: 'text',
  synonyms: [...hf('name'), '客户', '客户名称', '公司名称', 'Account', 'Company'],
};

/** Every field an import of `kind` can map, in the order the mapping shows them. */
export function importFields(kind: ImportKind, withAccountColumn = true): ImportField[] {
  if (kind === 'accounts')
    return [...IMPORT_FIELDS.accounts, ...ROW_PARTS.flatMap((p) => p.fields)];
  return withAccountColumn ? [...IMPORT_FIELDS[kind], ACCOUNT_NAME_FIELD] : IMPORT_FIELDS[kind];
}

/**
 * Lower case without spaces, punctuation and a bracketed unit, so "Raised on" matches
 * "raised_on" and "合同金额（万元）" matches 合同金额.
 */
export function normalizeHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/[（(【\[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s_\-（）()：:*.。]/g, '');
}

/**
 * Suggests a column for each field from the header names: an exact match of the field's name
 * or a synonym (either language) first; then a header ending with a synonym ("负责CSM",
 * "合同开始日期"), the longest synonym winning. Each column is suggested for one field at most.
 */
export function suggestMapping(
  kind: ImportKind,
  headers: string[],
  fields: ImportField[] = importFields(kind),
): Record<string, string | null> {
  const byNorm = new Map(headers.map((h) => [normalizeHeader(h), h]));
  const out: Record<string, string | null> = {};
  const taken = new Set<string>();
  for (const f of fields) {
    const match = [f.name, ...f.synonyms]
      .map((s) => byNorm.get(normalizeHeader(s)))
      .find((h) => h !== undefined && !taken.has(h));
    out[f.name] = match ?? null;
    if (match) taken.add(match);
  }
  const candidates: { field: string; header: string; length: number }[] = [];
  for (const f of fields) {
    if (out[f.name]) continue;
    for (const h of headers) {
      if (taken.has(h)) continue;
      const norm = normalizeHeader(h);
      for (const s of f.synonyms.map(normalizeHeader)) {
        if (s.length >= 2 && norm.length > s.length && norm.endsWith(s))
          candidates.push({ field: f.name, header: h, length: s.length });
      }
    }
  }
  candidates.sort((a, b) => b.length - a.length);
  for (const c of candidates) {
    if (out[c.field] || taken.has(c.header)) continue;
    out[c.field] = c.header;
    taken.add(c.header);
  }
  return out;
}
