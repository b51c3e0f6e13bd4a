// Which enum a stored field's value belongs to, so text built from a document (a search snippet)
// shows the value's label (小微客户, 方案设计) instead of the stored code (micro, solutionDesign).
// By field name; `status`, `kind` and `stage` mean a different enum per document type.
import { ENUM_VALUES, type EnumName } from './enums';

const BY_FIELD: Record<string, EnumName> = {
  tier: 'tier',
  lifecycleStage: 'lifecycleStage',
  riskLevel: 'riskLevel',
  influence: 'influence',
  stance: 'stance',
  roles: 'contactRole',
  role: 'contactRole',
  priority: 'issuePriority',
  category: 'issueCategory',
  mode: 'visitMode',
  phase: 'phase',
  serviceLevel: 'serviceLevel',
  unit: 'productUnit',
  side: 'partySide',
  signal: 'opportunitySignal',
  decision: 'changeDecision',
  cadence: 'meetingCadence',
  depth: 'usageDepth',
  signs: 'riskSign',
  level: 'influence',
  productArea: 'productArea',
  importance: 'askImportance',
};

const BY_TYPE: Record<string, Partial<Record<string, EnumName>>> = {
  issue: { status: 'issueStatus' },
  visit: { status: 'visitStatus' },
  contract: { status: 'contractStatus' },
  riskCase: { status: 'riskCaseStatus' },
  sow: { status: 'deliverableStatus' },
  touchpoint: { kind: 'touchpointKind' },
  survey: { kind: 'surveyKind' },
  opportunity: { kind: 'opportunityKind', stage: 'opportunityStage' },
  successPlan: { kind: 'criterionKind' },
  requirement: { status: 'requirementStatus' },
};

/** The enum of `value` stored under `field` in a document of `type`, when it is one of its values. */
export function enumOfField(type: string, field: string, value: string): EnumName | null {
  const name = BY_TYPE[type]?.[field] ?? BY_FIELD[field];
  if (!name) return null;
  return (ENUM_VALUES[name] as readonly string[]).includes(value) ? name : null;
}
