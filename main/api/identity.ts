// Who is acting: resolved once per call by dispatch and passed to the handler, never stored on
// the context. The sources are asked in priority order; the first that knows a login wins.
export interface Actor {
  /** The login recorded as createdBy/updatedBy and on the timeline. */
  login: string;
  /** Which source named it (for system.info and tests). */
  source: string;
}

export interface IdentitySource {
  readonly name: string;
  /** The login this source knows now, or undefined to ask the next source. */
  login(): string | undefined;
}

/** The team-server user while connected: the server refuses documents whose updatedBy differs. */
export class SignedInUser implements IdentitySource {
  readonly name = 'server';
  private current: string | undefined;

  signIn(login: string): void {
    this.current = login;
  }

  signOut(): void {
    this.current = undefined;
  }

  login(): string | undefined {
    return this.current;
  }
}

/**
 * The user the host was started with: `given` when named explicitly (--user, $CSM_USER),
 * `system` when it is only the OS login (nobody has said who uses this workbench yet).
 */
export function hostUser(login: string, name: 'given' | 'system' = 'given'): IdentitySource {
  return { name, login: () => login };
}

/** The sources of one backend, in priority order, and the one resolver over them. */
export class Identity {
  readonly signedIn = new SignedInUser();
  private readonly sources: IdentitySource[];

  constructor(host: string, hostSource: 'given' | 'system' = 'given') {
    this.sources = [this.signedIn, hostUser(host, hostSource)];
  }

  /** Adds a source just before the host's configured user (e.g. a remembered identity). */
  addSource(source: IdentitySource): void {
    this.sources.splice(this.sources.length - 1, 0, source);
  }

  resolve(): Actor {
    for (const source of this.sources) {
      const login = source.login()?.trim();
      if (login) return { login, source: source.name };
    }
    // The host source always answers unless it was given an empty name: a setup error.
    throw new Error('no acting user: start the host with --user NAME or set CSM_USER');
  }
}
