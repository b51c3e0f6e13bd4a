// The layer rules of architecture.md are enforced by ESLint; this proves the rule bites.
import { ESLint, type Linter } from 'eslint';

// The project's own config object, loaded without ESLint's dynamic import (jest's VM lacks it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.cjs') as Linter.Config[];
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layers', () => {
  it('keeps shared/ pure', async () => {
    // A folder named like a Node module is not the module.
    expect(
      await importErrors(
        'shared/api/x.ts',
        "import { mergeUnique } from '../util/mergeUnique';\nexport const a = mergeUnique;\n",
      ),
    ).toEqual([]);
    expect(
      await importErrors('shared/api/x.ts', "import util from 'util';\nexport const a = util;\n"),
    ).toHaveLength(1);
    expect(
      await importErrors('shared/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'shared/domain/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'shared/domain/x.ts',
        "import { Store } from '../../main/store/store';\nexport const a = Store;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors('shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n"),
    ).toEqual([]);
  });

  it('keeps renderer/ away from main/ and Node', async () => {
    expect(
      await importErrors(
        'renderer/src/x.tsx',
        "import { Backend } from '../../main/backend';\nexport const a = Backend;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'renderer/src/x.tsx',
        "import path from 'path';\nexport const a = path;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'renderer/src/x.tsx',
        "import { t } from '../../shared/i18n';\nexport const a = t;\n",
      ),
    ).toEqual([]);
  });

  it('keeps electron out of the backend', async () => {
    expect(
      await importErrors(
        'main/store/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        'main/electron/x.electron.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        'main/api/x.ts',
        "import { App } from '../../renderer/src/App';\nexport const a = App;\n",
      ),
    ).toHaveLength(1);
  });
});
