// zh-CN is the reference locale: its keys define MessageKey. One file per area.
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

export const zhCN = {
  ...errors,
  ...boundaries,
  ...labels,
  ...store,
  ...deliverables,
  ...sync,
  ...syncUi,
  ...health,
  ...healthUi,
  ...ui,
  ...documentsUi,
  ...directory,
  ...portfolioUi,
  ...readiness,
  ...readinessUi,
} as const;
