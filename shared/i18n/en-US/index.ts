import type { MessageKey } from '..';
import { boundaries } from './boundaries';
import { deliverables } from './deliverables';
import { directory } from './directory';
import { documentsUi } from './documentsUi';
import { errors } from './errors';
import { health } from './health';
import { healthUi } from './healthUi';
import { labels } from './labels';
import { portfolioUi } from './portfolioUi';
import { readiness } from './readiness';
import { readinessUi } from './readinessUi';
import { store } from './store';
import { sync } from './sync';
import { syncUi } from './syncUi';
import { ui } from './ui';

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
  ...portfolioUi,
  ...readiness,
  ...readinessUi,
  ...ui,
  ...documentsUi,
  ...directory,
};
