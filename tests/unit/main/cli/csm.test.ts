// The csm entry point: a prototype name is an unknown command (exit 2), not a crash (exit 1).
import { runCli } from '../../../../main/cli/csm';

describe('csm command names', () => {
  it('knows no command by a prototype name', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const err: string[] = [];
      const code = await runCli([name], { out: () => undefined, err: (l) => err.push(l) });
      expect([name, code, err]).toEqual([
        name,
        2,
        [`error: unknown command "${name}" (see csm --help)`],
      ]);
    }
  });
});
