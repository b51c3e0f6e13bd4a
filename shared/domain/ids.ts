// Document ids carry their account so one account's documents form a key range
// (`<type>:<accountKey>:<ulid>`), replication can be scoped and nothing needs a counter.
import { ulid as makeUlid } from 'ulid';

// ulid asks its random source once per character; the default asks the OS each time. A buffer
// refilled from crypto.getRandomValues (browser and Node alike) makes ids several times cheaper.
// shared/ is typed with neither DOM nor Node types, so the one Web Crypto call it needs is named.
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): void } })
  .crypto;
const randomBytes = new Uint8Array(4096);
let randomAt = randomBytes.length;
function bufferedRandom(): number {
  if (randomAt >= randomBytes.length) {
    webCrypto.getRandomValues(randomBytes);
    randomAt = 0;
  }
  return randomBytes[randomAt++] / 256;
}

/** A new ulid: time-ordered, random in its last 80 bits. */
export function ulid(): string {
  return makeUlid(undefined, bufferedRandom);
}

export const ACCOUNT_PREFIX = 'account:';
/** The reserved account of team-wide documents (the health model, the directory of people). */
export const TEAM_ACCOUNT_ID = 'account:TEAM';

/** The ulid part of an account id: `account:01H...` -> `01H...`. */
export function accountKeyOf(accountId: string): string {
  if (!accountId.startsWith(ACCOUNT_PREFIX)) throw new Error(`not an account id: ${accountId}`);
  return accountId.slice(ACCOUNT_PREFIX.length);
}

export function newAccountId(key: string = ulid()): string {
  return `${ACCOUNT_PREFIX}${key}`;
}

export function newDocId(type: string, accountId: string, key: string = ulid()): string {
  return `${type}:${accountKeyOf(accountId)}:${key}`;
}

export interface ParsedId {
  type: string;
  accountId: string;
}

/** Reads type and account from any workbench id; null for ids we did not make. */
export function parseDocId(id: string): ParsedId | null {
  // Team members are team-wide: their id carries the login, their account is the TEAM one.
  if (/^teamMember:[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(id)) {
    return { type: 'teamMember', accountId: TEAM_ACCOUNT_ID };
  }
  const parts = id.split(':');
  if (parts.length === 2 && parts[0] === 'account' && parts[1]) {
    return { type: 'account', accountId: id };
  }
  if (parts.length === 3 && parts[0] && parts[1] && parts[2]) {
    return { type: parts[0], accountId: `${ACCOUNT_PREFIX}${parts[1]}` };
  }
  return null;
}

/** The id range holding every document of one account of one type (for allDocs). */
export function accountDocRange(
  type: string,
  accountId: string,
): { startkey: string; endkey: string } {
  const prefix = `${type}:${accountKeyOf(accountId)}:`;
  return { startkey: prefix, endkey: `${prefix}\uffff` };
}
