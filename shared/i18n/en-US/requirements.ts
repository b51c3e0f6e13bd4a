// The requirements library and the customer feedback loop (issue 16, the book's 8.2).
import type { RequirementLabelKey } from '../../domain/entities/enums';
import type { requirements as zh } from '../zh-CN/requirements';

const requirementLabels: Record<RequirementLabelKey, string> = {
  'label.requirementStatus.collected': 'Collected',
  'label.requirementStatus.underReview': 'Under review',
  'label.requirementStatus.planned': 'Planned',
  'label.requirementStatus.inDevelopment': 'In development',
  'label.requirementStatus.released': 'Released',
  'label.requirementStatus.customersTold': 'Customers told',
  'label.requirementStatus.declined': 'Declined',
  'label.productArea.reporting': 'Reporting',
  'label.productArea.integration': 'Integration',
  'label.productArea.workflow': 'Workflow',
  'label.productArea.permissions': 'Permissions',
  'label.productArea.mobile': 'Mobile',
  'label.productArea.dataImport': 'Data import',
  'label.productArea.notifications': 'Notifications',
  'label.productArea.performance': 'Performance',
  'label.productArea.other': 'Other',
  'label.askImportance.blocking': 'Cannot use the product',
  'label.askImportance.major': 'Major business impact',
  'label.askImportance.moderate': 'Some impact',
  'label.askImportance.improvement': 'Experience improvement',
  'label.askSource.issue': 'Issue list',
  'label.askSource.visit': 'Visit',
  'label.askSource.other': 'Other',
  'label.confirmationStatus.pending': 'Awaiting confirmation',
  'label.confirmationStatus.confirmed': 'Confirmed',
  'label.confirmationStatus.rejected': 'Rejected',
  'label.docType.requirement': 'Requirement',
  'label.docType.requirementAsk': 'Requirement ask',
  'label.docType.requirementModel': 'Requirement priority model',
};

export const requirements: Record<keyof typeof zh, string> = {
  ...requirementLabels,
  'requirement.dimension.productFit': 'Fit with the product plan',
  'requirement.dimension.customerImportance': 'Customer importance',
  'requirement.dimension.requesterWeight': "Requester's weight in the decision chain",
  'requirement.dimension.businessImpact': "Impact on the customer's business",
  'requirement.why.fitArea': 'Product fit {value} (weight {weight}%): product area "{area}"',
  'requirement.why.fitInPlan':
    'Product fit {value} (weight {weight}%): in the product plan ({status})',
  'requirement.why.customer':
    'Customer importance {value} (weight {weight}%): {account}, {tier} tier {tierScore}, ARR ¥{arr} band {arrScore}',
  'requirement.why.customerReference':
    'Customer importance {value} (weight {weight}%): {account}, {tier} tier {tierScore}, ARR ¥{arr} band {arrScore}, reference customer +{bonus}',
  'requirement.why.requesterRole':
    'Requester weight {value} (weight {weight}%): {contact} of {account} ({role})',
  'requirement.why.requesterNoRole':
    'Requester weight {value} (weight {weight}%): {contact} of {account} has no decision-chain role',
  'requirement.why.requesterNone':
    'Requester weight {value} (weight {weight}%): no requester recorded at {account}',
  'requirement.why.impact': 'Business impact {value} (weight {weight}%): {account}: {importance}',
  'requirement.why.noAsks': 'No customer has asked for it yet',
  'requirement.why.breadth': '{others} more paying customers asked: +{points} (at most {max})',
  'requirement.why.capped': 'Adds up to {raw}, counted as the full 100',
  'requirement.why.prospectsOnlyBelow':
    "Asked by prospects only (no ARR): ranked below paying customers' needs",
  'requirement.why.prospectsOnly': 'Asked by prospects only (no ARR)',
  'requirement.why.declined': 'Declined',
  'requirement.why.total': 'Priority {score}',
  'requirement.validation.releaseRequired':
    'A planned, in-development or released requirement needs its release',
  'requirement.validation.declineReasonRequired': 'A declined requirement needs the reason',
  'requirement.validation.sourceRequired': 'An ask from an issue or a visit names which one',
  'requirement.validation.sourceType': 'The source does not match its type',
  'requirement.validation.arrBands': 'ARR bands start at 0 and rise',
  'requirement.validation.weightsSum': 'The four weights must add up to 100%',
  'requirement.validation.breadthMax':
    'The most points for more accounts cannot be below the points per account',
  'requirement.error.notFound': 'This requirement was not found',
  'requirement.error.notRequirement': '{id} is not a requirement',
  'requirement.error.merged': 'This requirement was merged into another one; work there',
  'requirement.error.managerOnly':
    "A requirement's status, solution and the priority model are changed by the CS manager or a product manager only",
  'requirement.error.sourceElsewhere': 'The source {id} is not of this account',
  'requirement.error.contactElsewhere': 'The contact {id} is not of this account',
  'requirement.error.noAccount': 'Account {id} was not found',
  'requirement.error.alreadyAsked': 'This account has already asked for this requirement',
  'requirement.error.askNotFound': 'This ask was not found',
  'requirement.error.noSolution':
    'The product has not proposed a solution yet: there is nothing to confirm',
  'requirement.error.notReleased': 'Customers are told once the requirement is released',
  'requirement.error.alreadyTold': 'This customer was told on {on}',
  'requirement.error.mergeSelf': 'A requirement cannot be merged into itself',
  'requirement.error.transition': 'A requirement cannot move from "{from}" to "{to}" directly',
  'requirement.error.toldPending':
    '{count} customers are not told yet: it cannot be marked customers told',
  'requirement.task.tell': 'Tell the customer it shipped: {title} ({release})',
  'requirement.touchpoint.tell': 'Requirement shipped: {title} ({release})',
};
