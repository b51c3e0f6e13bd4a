// Health follows writes that arrive by sync: a teammate's urgent issue or visit, pulled from the
// team server, rescores its account on this machine as a local write does (rescore.ts), so the
// manager's portfolio does not show a stale band until the next batch recompute. The pull only
// notes which accounts its batches touched; once the pulled documents are in the projection the
// noted accounts are rescored, each once however many of its documents came, behind the pull
// (never awaited by it, never failing it). The outcome, an error included, is kept for
// `sync.status`.
import type { HealthRescoreReport } from '../../shared/api/sync';
import { parseDocId, TEAM_ACCOUNT_ID } from '../../shared/domain/ids';
import type { BackendContext } from '../api/context';
import type { Actor } from '../api/identity';
import type { AccountScope } from '../projection/queries/scope';
import { healthScoreId } from './recompute';
import { HEALTH_INPUT_TYPES, rescore } from './rescore';

/** Pulled types that move one account's score: the model's inputs and the overrides. */
const ACCOUNT_TRIGGERS: ReadonlySet<string> = new Set([...HEALTH_INPUT_TYPES, 'healthOverride']);
/** A new team model moves every account's score. */
const MODEL_TYPE = 'healthModel';
/**
 * Past this many accounts, one pass over all of them: measured, the crossover lies between 50
 * and 200 accounts at 600 as at 2,000 (docs/health.md, "Health follows writes that arrive by
 * sync").
 */
export const ONE_BY_ONE_LIMIT = 50;

interface PulledDoc {
  _id: string;
  _deleted?: boolean;
  type?: unknown;
}

export class PulledHealthRescore {
  private readonly noted = new Set<string>();
  private everyAccount = false;
  private queued = false;
  private running: Promise<void> = Promise.resolve();
  private report: HealthRescoreReport | null = null;

  constructor(
    private readonly ctx: BackendContext,
    /** Who writes the scores: resolved when the rescore runs, as auto-merge does. */
    private readonly actor: () => Actor,
  ) {}

  /** The last rescore's outcome (an error stays until a rescore succeeds). */
  get last(): HealthRescoreReport | null {
    return this.report;
  }

  /** Notes the accounts whose health inputs a pulled batch wrote or deleted. */
  note(docs: readonly PulledDoc[]): void {
    for (const doc of docs) {
      // A deletion arrives as id and revision only: its id names type and account.
      const parsed = parseDocId(doc._id);
      const type = typeof doc.type === 'string' ? doc.type : parsed?.type;
      if (type === MODEL_TYPE) this.everyAccount = true;
      else if (type && parsed && ACCOUNT_TRIGGERS.has(type) && parsed.accountId !== TEAM_ACCOUNT_ID)
        this.noted.add(parsed.accountId);
    }
  }

  /**
   * Rescores what was noted, after any rescore still running (what arrives meanwhile joins the
   * next one). Call once the pulled documents are in the projection. Never throws.
   */
  flush(): void {
    if (this.queued || (!this.everyAccount && this.noted.size === 0)) return;
    this.queued = true;
    this.running = this.running.then(() => this.run());
  }

  /** Resolves when every flushed rescore has finished. */
  idle(): Promise<void> {
    return this.running;
  }

  private async run(): Promise<void> {
    this.queued = false;
    const accounts = [...this.noted].sort();
    const all = this.everyAccount;
    this.noted.clear();
    this.everyAccount = false;
    const report: HealthRescoreReport = {
      at: this.ctx.now().toISOString(),
      accounts: 0,
      written: 0,
      failed: 0,
    };
    try {
      const actor = this.actor();
      const scopes = this.scopes(accounts, all);
      // Nothing scored among them: nothing went stale, and an earlier error stays shown.
      if (scopes.length === 0) return;
      for (const scope of scopes) {
        const done = await rescore(this.ctx, actor, scope);
        report.accounts += done.accounts;
        report.written += done.written;
        report.failed += done.failed;
      }
      if (report.failed > 0) {
        report.error = `${report.failed} health score documents could not be written`;
      }
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
    }
    if (report.error) {
      // Tried again after the next pull, not forgotten.
      for (const id of accounts) this.noted.add(id);
      this.everyAccount ||= all;
    }
    this.report = report;
  }

  /**
   * What to rescore: only scores that exist can go stale, so an account never scored here (a
   * first pull brings every account) waits for the batch recompute, and meanwhile
   * `health.account` computes its score live. One account at a time, so a local write's own
   * rescore waits for one account, not all; past ONE_BY_ONE_LIMIT, one pass over all.
   */
  private scopes(accounts: string[], all: boolean): AccountScope[] {
    const q = this.ctx.queries;
    if (all) {
      const anyScore = q.list({ type: 'healthScore', filters: {}, offset: 0, limit: 1 });
      return anyScore.items.length ? [{}] : [];
    }
    const scored = accounts.filter((id) => q.getDoc(healthScoreId(id)) !== null);
    if (scored.length > ONE_BY_ONE_LIMIT) return [{}];
    return scored.map((accountId) => ({ accountId }));
  }
}
