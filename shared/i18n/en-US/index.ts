import type { MessageKey } from '..';
import { attachments } from './attachments';
import { boundaries } from './boundaries';
import { calendar } from './calendar';
import { contractsUi } from './contractsUi';
import { deliverables } from './deliverables';
import { directory } from './directory';
import { documentsUi } from './documentsUi';
import { errors } from './errors';
import { health } from './health';
import { healthUi } from './healthUi';
import { healthModelUi } from './healthModelUi';
import { labels } from './labels';
import { newDeliverables } from './newDeliverables';
import { portfolioUi } from './portfolioUi';
import { portfolioCharts } from './portfolioCharts';
import { importUi } from './importUi';
import { readiness } from './readiness';
import { readinessUi } from './readinessUi';
import { speed } from './speed';
import { requirements } from './requirements';
import { requirementsOps } from './requirementsOps';
import { requirementsFix } from './requirementsFix';
import { trust } from './trust';
import { requirementsUi } from './requirementsUi';
import { store } from './store';
import { sync } from './sync';
import { tasks } from './tasks';
import { syncUi } from './syncUi';
import { templatesUi } from './templatesUi';
import { ui } from './ui';
import { uxUi } from './uxUi';

export const enUS: Record<MessageKey, string> = {
  ...errors,
  ...boundaries,
  ...labels,
  ...store,
  ...deliverables,
  ...sync,
  ...syncUi,
  ...health,
  ...healthUi,
  ...healthModelUi,
  ...portfolioUi,
  ...portfolioCharts,
  ...importUi,
  ...templatesUi,
  ...readiness,
  ...requirements,
  ...readinessUi,
  ...calendar,
  ...speed,
  ...ui,
  ...uxUi,
  ...documentsUi,
  ...directory,
  ...tasks,
  ...contractsUi,
  ...newDeliverables,
  ...requirementsUi,
  ...requirementsOps,
  ...requirementsFix,
  ...trust,
  ...attachments,
};
