// dispatch: every method of the contract has its handler (checked here, since the table is built
// on first use rather than at load), and a prototype name is an unknown method.
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
});
