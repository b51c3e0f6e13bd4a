// A sync state in words, for the CLI and logs (the UI translates the same message keys).
import type { SyncState } from '../../shared/api/sync';
import { t, type Locale } from '../../shared/i18n';

export function describeState(state: SyncState, locale: Locale = 'en-US'): string {
  switch (state.state) {
    case 'offline':
      return t(locale, 'sync.status.offline');
    case 'connecting':
      return t(locale, 'sync.status.connecting');
    case 'pulling':
      return t(locale, state.first ? 'sync.status.firstPull' : 'sync.status.pulling', {
        done: state.done,
        total: state.total,
      });
    case 'pushing':
      return t(locale, 'sync.status.pushing', { pending: state.pending });
    case 'upToDate':
      return t(locale, 'sync.status.upToDate', { at: state.at });
    case 'error':
      return t(locale, state.messageKey, state.params);
  }
}
