// What can be imported from Excel, per kind: the fields, how each cell is read, and the header
// names (both languages) that suggest a column for it.
import { issuePriorities, issueStatuses } from '../../../shared/domain/entities/issue';
import { decisionChainRoles } from '../../../shared/domain/entities/contact';
import { lifecycleStages, tiers } from '../../../shared/domain/entities/account';
import type { EnumName } from '../../../shared/domain/entities/enums';
import { t, type MessageKey } from '../../../shared/i18n';
import type { ImportKind } from '../../../shared/api/deliverables';

export type FieldType = 'text' | 'date' | 'number' | 'enum' | 'list' | 'enumList';

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
};

/** Lower case without spaces and punctuation, so "Raised on" matches "raised_on". */
export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[\s_\-（）()：:*]/g, '');
}

/** Suggests a column for each field from the header names. */
export function suggestMapping(kind: ImportKind, headers: string[]): Record<string, string | null> {
  const byNorm = new Map(headers.map((h) => [normalizeHeader(h), h]));
  const out: Record<string, string | null> = {};
  const taken = new Set<string>();
  for (const f of IMPORT_FIELDS[kind]) {
    const match = [f.name, ...f.synonyms]
      .map((s) => byNorm.get(normalizeHeader(s)))
      .find((h) => h !== undefined && !taken.has(h));
    out[f.name] = match ?? null;
    if (match) taken.add(match);
  }
  return out;
}
