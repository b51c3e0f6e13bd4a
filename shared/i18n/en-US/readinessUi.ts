import type { MessageKey } from '..';

// The readiness checklist and the draft switch of the Documents tab and the batch panel.
export const readinessUi = {
  'readinessUi.ready': 'Everything is in place for a final document',
  'readinessUi.missing': 'Still missing before it can be final:',
  'readinessUi.goTo': 'add it in {tab}',
  'readinessUi.draft': 'Write a draft when data is missing (every page marked DRAFT)',
  'readinessUi.notReady': 'Not ready, not written',
  'readinessUi.drafted': 'Draft',
} satisfies Record<Extract<MessageKey, `readinessUi.${string}`>, string>;
