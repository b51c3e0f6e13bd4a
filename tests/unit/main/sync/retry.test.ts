// The retry policy of `csm sync --once`: doubling waits, bounded in attempts and in time, and
// only for failures another attempt can cure.
import {
  DEFAULT_RETRY,
  isRetryable,
  retryDelay,
  withRetries,
  type RetryNotice,
} from '../../../../main/sync/retry';
import { ApiFailure, apiError } from '../../../../shared/api/errors';

const unreachable = () =>
  apiError('UNAVAILABLE', 'sync.error.refused', 'cannot reach x: ECONNREFUSED');

describe('retryDelay', () => {
  it('starts at 0.5 s and doubles up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelay(n, DEFAULT_RETRY));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});

describe('withRetries', () => {
  const quick = { attempts: 4, withinMs: 10_000, firstDelayMs: 1, maxDelayMs: 4 };

  it('retries until the job succeeds, telling each retry', async () => {
    const notices: RetryNotice[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw unreachable();
        return 'done';
      },
      { policy: quick, retryable: isRetryable, onRetry: (n) => notices.push(n) },
    );
    expect(result).toBe('done');
    expect(notices).toEqual([
      { attempt: 1, attempts: 4, delayMs: 1, reason: 'cannot reach x: ECONNREFUSED' },
      { attempt: 2, attempts: 4, delayMs: 2, reason: 'cannot reach x: ECONNREFUSED' },
    ]);
  });

  it('gives up after the last attempt with UNAVAILABLE sync.error.gaveUp', async () => {
    let calls = 0;
    const failing = withRetries(
      async () => {
        calls += 1;
        throw unreachable();
      },
      { policy: quick, retryable: isRetryable, onRetry: () => undefined },
    );
    await expect(failing).rejects.toBeInstanceOf(ApiFailure);
    await failing.catch((error: ApiFailure) => {
      expect(error.errors[0]).toMatchObject({
        code: 'UNAVAILABLE',
        messageKey: 'sync.error.gaveUp',
        params: { attempts: 4, reason: 'cannot reach x: ECONNREFUSED' },
      });
    });
    expect(calls).toBe(4);
  });

  it('gives up early when the next wait would pass the time budget', async () => {
    let calls = 0;
    const policy = { attempts: 100, withinMs: 50, firstDelayMs: 20, maxDelayMs: 1000 };
    const started = Date.now();
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw unreachable();
        },
        { policy, retryable: isRetryable, onRetry: () => undefined },
      ),
    ).rejects.toThrow(/gave up after 2 attempts/);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not retry a refusal that will stand', async () => {
    let calls = 0;
    const wrong = apiError('UNAUTHORIZED', 'sync.error.wrongPassword', 'wrong password');
    await expect(
      withRetries(
        async () => {
          calls += 1;
          throw wrong;
        },
        { policy: quick, retryable: isRetryable, onRetry: () => undefined },
      ),
    ).rejects.toBe(wrong);
    expect(calls).toBe(1);
  });
});

describe('isRetryable', () => {
  it('retries network failures and server errors, not refusals', () => {
    expect(isRetryable(unreachable())).toBe(true);
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryable({ status: 500, name: 'unknown_error' })).toBe(true);
    expect(isRetryable({ status: 401, name: 'unauthorized' })).toBe(false);
    expect(isRetryable({ status: 403, name: 'forbidden' })).toBe(false);
    expect(isRetryable(apiError('NOT_FOUND', 'sync.error.noDatabase', 'no database'))).toBe(false);
  });
});
