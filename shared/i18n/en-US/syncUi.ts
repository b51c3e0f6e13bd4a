// The Sync drawer and the Conflicts screen (issue 4, app part).
import type { MessageKey } from '..';

export const syncUi = {
  'syncUi.title': 'Team sync',
  'syncUi.open': 'Sync settings',
  'syncUi.url': 'Server URL',
  'syncUi.db': 'Database',
  'syncUi.connection': 'Connection',
  'syncUi.user': 'User name',
  'syncUi.password': 'Password',
  'syncUi.connect': 'Connect',
  'syncUi.disconnect': 'Sign out',
  'syncUi.disconnectHint': 'Stops sync and forgets the saved password; local data stays.',
  'syncUi.status': 'Current status',
  'syncUi.connectedAs': 'Connected to {url} (database {db}) as {user}',
  'syncUi.notConnected': 'Not connected to a team server; data stays on this computer.',
  'syncUi.rejected': 'Changes the server refused',
  'syncUi.required': 'Please fill in this field',
  'syncUi.scope': 'Keep on this computer',
  'syncUi.scope.all': 'The whole team',
  'syncUi.scope.mine': 'Only my accounts',
  'syncUi.scope.hint': 'Managers always receive the whole team.',
  'syncUi.retry': 'Send refused changes again',
  'syncUi.retryHint':
    'After you fixed them, or an administrator assigned you the account, send them again; the server decides again.',
  'syncUi.retried': '{count} refused changes sent again',
  'syncUi.vault.keychain': 'The password is kept in the system keychain.',
  'syncUi.vault.file': 'The password is kept encrypted in a file only your user account can read.',
  'syncUi.vault.unavailable':
    'This computer offers no system keychain: the password will be kept encrypted in a file only your user account can read, not in a keychain.',
  'syncUi.vault.basicText':
    'No keyring or wallet (GNOME Keyring, KWallet) is running: the password will be kept encrypted in a file only your user account can read, not in a keychain. Start one and restart the app to use it.',
  'syncUi.conflicts.title': 'Conflicts',
  'syncUi.conflicts.empty': 'No conflicts to resolve',
  'syncUi.conflicts.pick': 'Choose a conflict',
  'syncUi.conflicts.field': 'Field',
  'syncUi.conflicts.version': 'Version {n}: {by}, {at}',
  'syncUi.conflicts.winner': '(shown now)',
  'syncUi.conflicts.clashes': 'Clashing fields: {fields}',
  'syncUi.conflicts.resolve': 'Keep the chosen values and resolve',
  'syncUi.conflicts.resolved': 'Conflict resolved',
  'syncUi.conflicts.empty.value': '(empty)',
} satisfies Partial<Record<MessageKey, string>>;
