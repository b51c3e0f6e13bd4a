import type { healthModelUi as zh } from '../zh-CN/healthModelUi';

// Words of the health model editor's weight shares, preview and version history, and the
// Conflicts menu item (issue 14).
export const healthModelUi: Record<keyof typeof zh, string> = {
  'validation.health.weightSum': 'The weights must add up to 100 % (now {sum} %)',
  'healthModelUi.share': '{value} %',
  'healthModelUi.sum': 'Total {sum} %',
  'healthModelUi.sumHint': 'Weights are shares of 100 %',
  'healthModelUi.preview': 'Preview the effect',
  'healthModelUi.preview.title': 'Before saving: {total} of {accounts} accounts would change band',
  'healthModelUi.preview.none':
    "This draft changes no account's band ({changed} accounts' scores change)",
  'healthModelUi.preview.move': '{count} accounts {from} → {to}',
  'healthModelUi.preview.stale': 'The form changed after this preview; preview again',
  'healthModelUi.preview.nothingSaved': 'A preview saves nothing',
  'healthModelUi.preview.range': '{from}-{to} of {total}',
  'healthModelUi.col.account': 'Account',
  'healthModelUi.col.tier': 'Tier',
  'healthModelUi.col.owner': 'CSM',
  'healthModelUi.col.old': 'Current score',
  'healthModelUi.col.new': 'New score',
  'healthModelUi.history': 'Version history',
  'healthModelUi.history.total': '{total} versions',
  'healthModelUi.history.empty': 'No version saved yet; the default model applies',
  'healthModelUi.history.saved': 'Saved by {by} at {at}',
  'healthModelUi.history.restored': '{by} restored at {at} the version {fromBy} saved at {fromAt}',
  'healthModelUi.history.current': 'In force',
  'healthModelUi.history.noChange': 'Same as the version before',
  'healthModelUi.history.first': 'Against the default model:',
  'healthModelUi.history.restore': 'Restore this version',
  'healthModelUi.history.restoreConfirm':
    'Restore this version? It is saved as a new version and the scores are recomputed.',
  'healthModelUi.history.restoredDone':
    'Restored as a new version: {accounts} accounts recomputed, {changed} changed band',
  'healthModelUi.history.rule': 'Rule',
  'healthModelUi.nav.conflicts': 'Conflicts',
  'healthModelUi.nav.conflictsCount': '{count} conflicts to resolve',
};
