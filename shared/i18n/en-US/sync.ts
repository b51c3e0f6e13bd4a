// Sync with the team server (issue 4).
import type { MessageKey } from '..';

export const sync = {
  'sync.status.offline': 'Offline',
  'sync.status.connecting': 'Connecting to the team server…',
  'sync.status.firstPull': 'First sync: {done} of {total}',
  'sync.status.pulling': 'Receiving updates: {done} of {total}',
  'sync.status.pushing': 'Sending {pending} local changes',
  'sync.status.upToDate': 'Up to date ({at})',
  'sync.error.wrongPassword': 'Wrong user name or password',
  'sync.error.forbidden': 'You have no permission to use the team database {db}',
  'sync.error.unreachable': 'Cannot reach the team server {url} (network error {code})',
  'sync.error.noDatabase':
    'The team server has no database {db}; ask your administrator to run server init',
  'sync.error.rejected': 'The server refused document {id}: {reason}',
  'sync.error.notConnected': 'Not connected to a team server',
  'sync.error.refused':
    'Cannot reach the team server {url}: it refused the connection (not running, or wrong port)',
  'sync.error.unknownHost': 'Cannot reach the team server: no server is known at {url}',
  'sync.error.timeout': 'Cannot reach the team server {url}: the connection timed out',
  'sync.error.notCouch': '{url} is not a CouchDB server',
  'sync.error.notAdmin': 'The server admin name or password is wrong',
  'sync.error.noSuchUser': 'The server has no user {name}',
  'sync.error.vault': 'The password could not be saved in the system keychain: {reason}',
  'conflict.error.none': 'Document {id} has no conflict',
  'conflict.error.undecided': 'Choose a version for these fields: {fields}',
  'conflict.error.stale': 'The conflict on {id} has changed; open it again',
  'conflict.error.unknownRev': '{rev} is not one of the conflicting revisions',
  'conflict.title': 'Conflicts',
  'conflict.merged': 'Merged conflicting versions',
} satisfies Partial<Record<MessageKey, string>>;
