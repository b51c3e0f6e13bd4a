// dispatch: every method of the contract has its handler (checked here, since the table is built
// on first use rather than at load), a prototype name is an unknown method, and a method without
// input takes none (without parsing) but refuses any key (parsed, as before).
import { contract } from '../../../../shared/api/contract';
import { systemContract } from '../../../../shared/api/system';
import type { BackendContext } from '../../../../main/api/context';
import { dispatch, unhandledMethods } from '../../../../main/api/dispatch';

describe('dispatch', () => {
  it('has a handler for every method of the contract', () => {
    expect(unhandledMethods()).toEqual([]);
    // The check itself finds a missing handler.
    expect(unhandledMethods({})).toEqual(Object.keys(contract));
  });

  it('keeps the store methods in the contract', () => {
    for (const method of Object.keys(systemContract)) {
      expect([method, contract[method]]).toEqual([method, systemContract[method as 'system.info']]);
    }
  });

  it('knows no method by a prototype name', async () => {
    const ctx = {} as BackendContext;
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = await dispatch(ctx, name, {});
      expect([name, result]).toMatchObject([
        name,
        { ok: false, errors: [{ code: 'NOT_FOUND', messageKey: 'error.unknownMethod' }] },
      ]);
    }
  });

  it('answers a method without input called without one, and refuses any input key', async () => {
    const ctx = {
      store: { writeFailure: undefined, dataDir: '/data' },
      identity: { resolve: () => ({ login: 'dispatch.test' }) },
    } as unknown as BackendContext;
    const status = { state: 'ok', reason: null, dataDir: '/data' };
    for (const input of [undefined, null, {}]) {
      expect(await dispatch(ctx, 'store.status', input)).toEqual({ ok: true, data: status });
    }
    // Not a plain empty object: parsed by the contract's schema, with the same outcome.
    expect(await dispatch(ctx, 'store.status', Object.create(null))).toEqual({
      ok: true,
      data: status,
    });
    for (const input of [{ extra: 1 }, [], 'text', 0]) {
      const result = await dispatch(ctx, 'store.status', input);
      expect([input, result]).toMatchObject([
        input,
        { ok: false, errors: [{ code: 'VALIDATION' }] },
      ]);
    }
  });
});
