// The registry of every document type: its caller-editable fields, its rules, and the stored shape.
import { z } from 'zod';
import { systemFields } from '../common';
import { accountFields, refineAccount } from './account';
import { attachmentFields } from './attachment';
import { contactFields, refineContact } from './contact';
import { contractFields, refineContract } from './contract';
import { handoverFields, refineHandover } from './handover';
import {
  alertStateFields,
  healthModelDocFields,
  healthOverrideFields,
  healthScoreFields,
  refineAlertState,
  refineHealthOverride,
} from './health';
import { issueFields, refineIssue } from './issue';
import { projectPlanFields, refineProjectPlan } from './projectPlan';
import { opportunityFields, refineRiskCase, riskCaseFields } from './risk';
import { checkTaskDone } from '../../rules/tasks';
import { taskFields } from './task';
import { refineSow, sowFields } from './sow';
import { refineSuccessPlan, successPlanFields } from './successPlan';
import { refineTeamMember, teamMemberFields } from './teamMember';
import { timelineFields } from './timeline';
import {
  refineSurvey,
  refineUsageReading,
  surveyFields,
  touchpointFields,
  usageReadingFields,
} from './activity';
import { refineVisit, visitFields } from './visit';
import {
  refineRequirement,
  refineRequirementAsk,
  refineRequirementModel,
  requirementAskFields,
  requirementFields,
  requirementModelFields,
} from './requirement';

type Refine<F extends z.ZodObject> = (value: z.output<F>, ctx: z.RefinementCtx) => void;

function defineEntity<T extends string, F extends z.ZodObject>(
  type: T,
  fields: F,
  titleOf: (doc: z.output<F>) => string,
  refine: Refine<F> = () => undefined,
) {
  // The refined schemas are built on first use (a getter each, kept once built): building all
  // of them for every type at load cost a command that validates nothing (`csm info`) its start.
  const build = {
    input: () => fields.superRefine(refine),
    doc: () =>
      fields
        .extend({ ...systemFields, type: z.literal(type) })
        .superRefine((value, ctx) => refine(value as z.output<F>, ctx)),
  };
  let input: ReturnType<typeof build.input> | undefined;
  let doc: ReturnType<typeof build.doc> | undefined;
  return {
    type,
    fields,
    titleOf,
    get input() {
      return (input ??= build.input());
    },
    get doc() {
      return (doc ??= build.doc());
    },
  };
}

export const entities = {
  account: defineEntity('account', accountFields, (a) => a.name, refineAccount),
  contract: defineEntity('contract', contractFields, (c) => c.contractNo, refineContract),
  contact: defineEntity('contact', contactFields, (c) => c.name, refineContact),
  handover: defineEntity('handover', handoverFields, () => '', refineHandover),
  sow: defineEntity('sow', sowFields, (s) => s.title, refineSow),
  projectPlan: defineEntity('projectPlan', projectPlanFields, (p) => p.name, refineProjectPlan),
  successPlan: defineEntity(
    'successPlan',
    successPlanFields,
    (p) => String(p.year),
    refineSuccessPlan,
  ),
  issue: defineEntity('issue', issueFields, (i) => i.title, refineIssue),
  visit: defineEntity('visit', visitFields, (v) => v.purpose, refineVisit),
  touchpoint: defineEntity('touchpoint', touchpointFields, (t) => t.subject),
  usageReading: defineEntity('usageReading', usageReadingFields, (u) => u.date, refineUsageReading),
  survey: defineEntity(
    'survey',
    surveyFields,
    (s) => `${s.kind.toUpperCase()} ${s.score}`,
    refineSurvey,
  ),
  riskCase: defineEntity('riskCase', riskCaseFields, (r) => r.cause, refineRiskCase),
  task: defineEntity('task', taskFields, (t) => t.title, checkTaskDone),
  opportunity: defineEntity('opportunity', opportunityFields, (o) => o.title),
  timeline: defineEntity('timeline', timelineFields, (t) => t.targetTitle ?? t.targetType),
  healthModel: defineEntity('healthModel', healthModelDocFields, (m) => m.name),
  healthScore: defineEntity('healthScore', healthScoreFields, (h) => `${h.score} ${h.band}`),
  healthOverride: defineEntity(
    'healthOverride',
    healthOverrideFields,
    (o) => o.reason,
    refineHealthOverride,
  ),
  alertState: defineEntity('alertState', alertStateFields, (s) => s.rule, refineAlertState),
  attachment: defineEntity('attachment', attachmentFields, (a) => a.name),
  teamMember: defineEntity(
    'teamMember',
    teamMemberFields,
    (m) => m.nameZh ?? m.nameEn ?? m.login,
    refineTeamMember,
  ),
  requirement: defineEntity('requirement', requirementFields, (r) => r.title, refineRequirement),
  requirementAsk: defineEntity(
    'requirementAsk',
    requirementAskFields,
    (a) => a.askedOn,
    refineRequirementAsk,
  ),
  requirementModel: defineEntity(
    'requirementModel',
    requirementModelFields,
    (m) => m.name,
    refineRequirementModel,
  ),
};

export type EntityType = keyof typeof entities;
export const ENTITY_TYPES = Object.keys(entities) as EntityType[];
/** Types a caller may create, update and delete; the timeline is written by the backend alone. */
export type EditableType = Exclude<
  EntityType,
  'timeline' | HealthOwnedType | 'teamMember' | RequirementOwnedType | 'attachment'
>;
/** Requirements are written only through the requirements methods, which keep the loop's rules. */
type RequirementOwnedType = 'requirement' | 'requirementAsk' | 'requirementModel';
const REQUIREMENT_OWNED: readonly string[] = ['requirement', 'requirementAsk', 'requirementModel'];
/** Health documents are written only through the health methods, which keep their rules. */
type HealthOwnedType = 'healthModel' | 'healthScore' | 'healthOverride' | 'alertState';
const HEALTH_OWNED: readonly string[] = [
  'healthModel',
  'healthScore',
  'healthOverride',
  'alertState',
];
/**
 * Team members are written through the directory methods (their id is the login), attachments
 * through the attachment methods (they carry their file).
 */
export const EDITABLE_TYPES = ENTITY_TYPES.filter(
  (t): t is EditableType =>
    t !== 'timeline' &&
    t !== 'teamMember' &&
    t !== 'attachment' &&
    !HEALTH_OWNED.includes(t) &&
    !REQUIREMENT_OWNED.includes(t),
);

export type EntityFields<T extends EntityType> = z.output<(typeof entities)[T]['fields']>;
export type EntityInput<T extends EntityType> = z.input<(typeof entities)[T]['fields']>;
/** The fields the backend keeps on every stored document. */
export interface SystemFields<T extends EntityType = EntityType> {
  _id: string;
  _rev?: string;
  /** Present when replication left conflicting revisions (PouchDB `conflicts: true`). */
  _conflicts?: string[];
  type: T;
  accountId: string;
  schemaVersion: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}
export type EntityDoc<T extends EntityType> = EntityFields<T> & SystemFields<T>;
export type AnyDoc = { [T in EntityType]: EntityDoc<T> }[EntityType];

export function isEntityType(value: string): value is EntityType {
  return Object.prototype.hasOwnProperty.call(entities, value);
}

export function titleOf(doc: AnyDoc): string {
  const def = entities[doc.type] as { titleOf: (d: unknown) => string };
  return def.titleOf(doc);
}
