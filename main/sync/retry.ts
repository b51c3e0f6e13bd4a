// Retrying a one-off sync (`csm sync --once`) while the team server is unreachable or dies
// mid-run: waits that double from a first delay, within a number of attempts and a time budget,
// both bounded. Each attempt starts a new replication, which resumes from its checkpoint.
import { ApiFailure, apiError } from '../../shared/api/errors';

export interface RetryPolicy {
  /** Attempts in all, the first included (1: no retry). */
  attempts: number;
  /** No retry starts later than this after the first attempt began. */
  withinMs: number;
  /** The first wait; each next one doubles, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  withinMs: 120_000,
  firstDelayMs: 500,
  maxDelayMs: 30_000,
};

export interface RetryNotice {
  /** The attempt that failed, from 1. */
  attempt: number;
  attempts: number;
  delayMs: number;
  reason: string;
}

/** The wait after failed attempt `attempt` (from 1): 0.5 s, 1 s, 2 s ... up to the cap. */
export function retryDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

export function reasonOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.errors[0].message;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * Runs `job` until it succeeds, `retryable` says no, or the policy is spent; then throws the
 * last error (not retryable) or UNAVAILABLE `sync.error.gaveUp` saying how long it tried.
 */
export async function withRetries<T>(
  job: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    retryable: (error: unknown) => boolean;
    onRetry: (notice: RetryNotice) => void;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  const { policy, retryable, onRetry } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await job(attempt);
    } catch (error) {
      if (!retryable(error)) throw error;
      const delayMs = retryDelay(attempt, policy);
      const late = Date.now() - started + delayMs > policy.withinMs;
      if (attempt >= policy.attempts || late) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const reason = reasonOf(error);
        throw apiError(
          'UNAVAILABLE',
          'sync.error.gaveUp',
          `gave up after ${attempt} attempts in ${seconds} s: ${reason}`,
          { attempts: attempt, seconds, reason },
        );
      }
      onRetry({ attempt, attempts: policy.attempts, delayMs, reason: reasonOf(error) });
      await sleep(delayMs);
    }
  }
}

/**
 * Worth another attempt: the server could not be reached or failed (5xx), not a refusal that
 * will stand (wrong password, no permission, no database, a bad request).
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiFailure) return error.code === 'UNAVAILABLE' || error.code === 'OFFLINE';
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 0 || status >= 500;
}
