// Who uses this workbench, as they said on first run: a small JSON file beside the store. It is
// local (it never replicates): each laptop has its own user.
import fs from 'node:fs';
import path from 'node:path';
import { loginSchema } from '../../shared/domain/entities/teamMember';
import type { IdentitySource } from '../api/identity';

export const IDENTITY_FILE = 'identity.json';

function fileOf(dataDir: string): string {
  return path.join(dataDir, IDENTITY_FILE);
}

/**
 * The login remembered in `dataDir`, or null when nobody has chosen one. A damaged file counts
 * as not chosen (the app then asks again) and says so on stderr.
 */
export function rememberedLogin(dataDir: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(fileOf(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = loginSchema.safeParse((JSON.parse(text) as { login?: unknown }).login);
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the warning below
  }
  console.warn(`${fileOf(dataDir)} is not a valid identity file; the app will ask who you are`);
  return null;
}

/** Remembers `login` (written to a temporary file first, so a crash never leaves half a file). */
export function rememberLogin(dataDir: string, login: string): void {
  const file = fileOf(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify({ login }, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/**
 * The remembered choice as a source of the acting user (main/api/identity.ts): asked after the
 * team-server sign-in and before the OS login; an explicit --user or $CSM_USER replaces it.
 */
export class RememberedUser implements IdentitySource {
  readonly name = 'remembered';
  private current: string | null;

  constructor(private readonly dataDir: string) {
    this.current = rememberedLogin(dataDir);
  }

  login(): string | undefined {
    return this.current ?? undefined;
  }

  remember(login: string): void {
    rememberLogin(this.dataDir, login);
    this.current = login;
  }
}
