// The calendar subscription tokens: one random token per user, in a small JSON file beside the
// store (local to this workbench, never replicated, readable by its owner only). None exists
// until the user asks for one; regenerating replaces it, revoking deletes it. A token is
// compared in constant time against every stored one, so a wrong guess learns nothing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../shared/i18n';

export const FEED_FILE = 'calendar-feeds.json';

export interface FeedRecord {
  token: string;
  lang: Locale;
  tasks: boolean;
  createdAt: string;
}

type FeedFile = Record<string, FeedRecord>;

function fileOf(dataDir: string): string {
  return path.join(dataDir, FEED_FILE);
}

function read(dataDir: string): FeedFile {
  let text: string;
  try {
    text = fs.readFileSync(fileOf(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = JSON.parse(text) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${fileOf(dataDir)} is not a calendar feed file`);
  return parsed as FeedFile;
}

function write(dataDir: string, feeds: FeedFile): void {
  const file = fileOf(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(feeds, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** A new random token (24 bytes, URL-safe). */
export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function sameToken(given: string, expected: string): boolean {
  // Digests: equal length whatever was given, compared in constant time.
  const digest = (s: string) =>
    new TextEncoder().encode(crypto.createHash('sha256').update(s).digest('hex'));
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

export class FeedTokens {
  constructor(private readonly dataDir: string) {}

  get(login: string): FeedRecord | undefined {
    const feeds = read(this.dataDir);
    return Object.hasOwn(feeds, login) ? feeds[login] : undefined;
  }

  /** Creates the user's token, or replaces it (the old URL stops working at once). */
  create(login: string, options: { lang: Locale; tasks: boolean; now: Date }): FeedRecord {
    const feeds = read(this.dataDir);
    const record: FeedRecord = {
      token: newToken(),
      lang: options.lang,
      tasks: options.tasks,
      createdAt: options.now.toISOString(),
    };
    feeds[login] = record;
    write(this.dataDir, feeds);
    return record;
  }

  revoke(login: string): void {
    const feeds = read(this.dataDir);
    if (!Object.hasOwn(feeds, login)) return;
    delete feeds[login];
    write(this.dataDir, feeds);
  }

  /** The user a token belongs to; every stored token is compared, in constant time each. */
  owner(token: string): { login: string; record: FeedRecord } | undefined {
    let found: { login: string; record: FeedRecord } | undefined;
    for (const [login, record] of Object.entries(read(this.dataDir))) {
      if (sameToken(token, record.token) && !found) found = { login, record };
    }
    return found;
  }
}
