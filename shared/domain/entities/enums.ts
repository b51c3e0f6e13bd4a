// Every enum of the documents, by the name its labels carry (`label.<enum>.<value>` in
// shared/i18n/*/labels.ts). The values are read from the schemas, so a new value cannot go
// without a label: labels.ts must hold one per value or `tsc` fails.
import { level3, partySide } from '../common';
import { healthBands } from '../health/model';
import { tiers, lifecycleStages, accountFields } from './account';
import { chatChannels, surveyFields, touchpointFields, usageDepths } from './activity';
import { decisionChainRoles, contactFields } from './contact';
import { contractFields, renewalOutcomes, selfCheckAnswers } from './contract';
import { healthOverrideFields, alertStateFields } from './health';
import { issueFields, issuePriorities, issueStatuses } from './issue';
import { phaseSchema } from './projectPlan';
import { opportunityFields, riskCaseFields, riskSigns } from './risk';
import { changeRequestDecisions, deliverableSchema } from './sow';
import { criterionSchema, successPlanFields } from './successPlan';
import { timelineFields } from './timeline';
import { visitFields } from './visit';
import {
  askImportances,
  askSourceTypes,
  confirmationStatuses,
  productAreas,
  requirementStatuses,
} from './requirement';
import { INDUSTRIES } from '../../rules/industry';

/** The document types whose names the UI shows (search results, the timeline). */
export const LABELLED_DOC_TYPES = [
  'account',
  'contract',
  'contact',
  'handover',
  'sow',
  'projectPlan',
  'successPlan',
  'issue',
  'visit',
  'touchpoint',
  'usageReading',
  'survey',
  'riskCase',
  'opportunity',
  'task',
  'timeline',
  'healthModel',
  'healthScore',
  'healthOverride',
  'alertState',
  'requirement',
  'requirementAsk',
  'requirementModel',
] as const;

export const ENUM_VALUES = {
  tier: tiers,
  lifecycleStage: lifecycleStages,
  riskLevel: accountFields.shape.riskLevel.unwrap().options,
  influence: level3.options,
  stance: contactFields.shape.stance.unwrap().options,
  contactRole: decisionChainRoles,
  issuePriority: issuePriorities,
  issueStatus: issueStatuses,
  issueCategory: issueFields.shape.category.unwrap().options,
  visitStatus: visitFields.shape.status.unwrap().options,
  visitMode: visitFields.shape.mode.unwrap().options,
  touchpointKind: touchpointFields.shape.kind.options,
  chatChannel: chatChannels,
  surveyKind: surveyFields.shape.kind.options,
  usageDepth: usageDepths,
  contractStatus: contractFields.shape.status.unwrap().options,
  serviceLevel: contractFields.shape.serviceLevel.unwrap().options,
  productUnit: contractFields.shape.products.element.shape.unit.unwrap().options,
  renewalOutcome: renewalOutcomes,
  selfCheckAnswer: selfCheckAnswers,
  deliverableStatus: deliverableSchema.shape.status.unwrap().options,
  changeDecision: changeRequestDecisions,
  phase: phaseSchema.shape.phase.options,
  criterionKind: criterionSchema.shape.kind.options,
  meetingCadence: successPlanFields.shape.meetings.unwrap().element.shape.cadence.options,
  partySide: partySide.options,
  riskSign: riskSigns,
  riskCaseStatus: riskCaseFields.shape.status.unwrap().options,
  opportunityKind: opportunityFields.shape.kind.options,
  opportunitySignal: opportunityFields.shape.signal.unwrap().options,
  opportunityStage: opportunityFields.shape.stage.unwrap().options,
  timelineAction: timelineFields.shape.action.options,
  docType: LABELLED_DOC_TYPES,
  /** The three bands, and `unscored` for an account the model has not scored yet. */
  healthBand: [...healthBands, 'unscored'] as const,
  overrideAction: healthOverrideFields.shape.action.unwrap().options,
  alertStatus: alertStateFields.shape.status.options,
  /** An account's industry when it is one of the known ones (shared/rules/industry.ts). */
  industry: INDUSTRIES,
  requirementStatus: requirementStatuses,
  productArea: productAreas,
  askImportance: askImportances,
  askSource: askSourceTypes,
  confirmationStatus: confirmationStatuses,
} as const;

export type EnumName = keyof typeof ENUM_VALUES;
export type EnumValue<E extends EnumName> = (typeof ENUM_VALUES)[E][number];
/** Every label's message key. */
export type LabelKey = { [E in EnumName]: `label.${E}.${EnumValue<E>}` }[EnumName];
/** The requirements' labels (issue 16), kept in shared/i18n/<locale>/requirements.ts. */
export type RequirementLabelKey =
  | {
      [E in RequirementEnum]: `label.${E}.${EnumValue<E>}`;
    }[RequirementEnum]
  | 'label.docType.requirement'
  | 'label.docType.requirementAsk'
  | 'label.docType.requirementModel';
type RequirementEnum =
  'requirementStatus' | 'productArea' | 'askImportance' | 'askSource' | 'confirmationStatus';
