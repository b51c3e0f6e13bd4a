// The layer rules of architecture.md are enforced by ESLint and by one tsconfig per layer;
// this proves each rule bites.
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';

// The project's own config object, loaded without ESLint's dynamic import (jest's VM lacks it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.cjs') as Linter.Config[];
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** no-restricted-syntax findings: dynamic import()/require() and the raw store API. */
async function syntaxErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

/** Type errors of `code` placed at `file` under the layer's tsconfig (lib and types as set). */
function typeErrors(tsconfig: string, file: string, code: string): string[] {
  const root = process.cwd();
  const configPath = path.join(root, tsconfig);
  const read = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);
  const target = path.join(root, file);
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => path.resolve(f) === target || fileExists(f);
  host.readFile = (f) => (path.resolve(f) === target ? code : readFile(f));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) =>
    path.resolve(f) === target
      ? ts.createSourceFile(f, code, lang)
      : getSourceFile(f, lang, ...rest);
  const program = ts.createProgram([target], { ...parsed.options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(target))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
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

  it('catches dynamic import() and require() of what a layer may not load', async () => {
    expect(
      await syntaxErrors('shared/domain/x.ts', "export const a = import('fs');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('shared/domain/x.ts', "export const a = import('node:fs');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('shared/domain/x.ts', "export const a = require('fs/promises');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('shared/domain/x.ts', "export const a = import('electron');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('shared/domain/x.ts', "export const a = require('react');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('renderer/src/x.tsx', "export const a = import('path');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('renderer/src/x.tsx', "export const a = require('os');\n"),
    ).toHaveLength(1);
    expect(
      await syntaxErrors('main/api/x.ts', "export const a = import('electron');\n"),
    ).toHaveLength(1);
    // A module whose name only starts like a Node one, and relative modules, are fine.
    expect(await syntaxErrors('shared/domain/x.ts', "export const a = import('fsx');\n")).toEqual(
      [],
    );
    expect(
      await syntaxErrors('renderer/src/x.tsx', "export const a = import('./pages/x');\n"),
    ).toEqual([]);
  });

  it('keeps Node and database packages out of the renderer', async () => {
    for (const name of [
      'pouchdb',
      'pouchdb-core',
      'better-sqlite3',
      'leveldown',
      'levelup',
      'express',
      'express-pouchdb',
      'exceljs',
      'docx',
    ]) {
      expect(
        await importErrors('renderer/src/x.tsx', `import m from '${name}';\nexport const a = m;\n`),
      ).toHaveLength(1);
      expect(
        await syntaxErrors('renderer/src/x.tsx', `export const a = import('${name}');\n`),
      ).toHaveLength(1);
    }
    expect(
      await importErrors(
        'renderer/src/x.tsx',
        "import { Table } from 'antd';\nexport const a = Table;\n",
      ),
    ).toEqual([]);
  });

  it('lets only the store, the backup import and the demo loader use the raw batch', async () => {
    const raw =
      'export async function f(ctx: { store: { write(d: unknown[]): Promise<void> } }) {\n  await ctx.store.write([]);\n}\n';
    const bare =
      'export async function f(store: { write(d: unknown[]): Promise<void> }) {\n  await store.write([]);\n}\n';
    expect(await syntaxErrors('main/health/x.ts', raw)).toHaveLength(1);
    expect(await syntaxErrors('main/sync/service.ts', raw)).toHaveLength(1);
    expect(await syntaxErrors('main/sync/x.ts', bare)).toHaveLength(1);
    expect(await syntaxErrors('main/api/handlers/backup.ts', raw)).toEqual([]);
    expect(await syntaxErrors('main/demo/load.ts', bare)).toEqual([]);
    expect(await syntaxErrors('main/store/documentWriter.ts', raw)).toEqual([]);
    const handle =
      'export const f = (s: { replicationHandle(): unknown }) => s.replicationHandle();\n';
    expect(await syntaxErrors('main/api/x.ts', handle)).toHaveLength(1);
    expect(await syntaxErrors('main/sync/service.ts', handle)).toEqual([]);
  });

  it('types shared/ without DOM or Node, renderer/ with DOM only', () => {
    const nodeCode = 'export const a = process.env.HOME;\n';
    const domCode = 'export const a = document.title;\n';
    expect(typeErrors('tsconfig.shared.json', 'shared/x.ts', nodeCode).join()).toMatch(/process/);
    expect(typeErrors('tsconfig.shared.json', 'shared/x.ts', domCode).join()).toMatch(/document/);
    expect(
      typeErrors('tsconfig.shared.json', 'shared/x.ts', 'export const a = [1].at(-1);\n'),
    ).toEqual([]);
    expect(typeErrors('tsconfig.renderer.json', 'renderer/src/x.ts', domCode)).toEqual([]);
    expect(typeErrors('tsconfig.renderer.json', 'renderer/src/x.ts', nodeCode).join()).toMatch(
      /process/,
    );
    expect(
      typeErrors(
        'tsconfig.renderer.json',
        'renderer/src/x.ts',
        'export const b = Buffer.from("x");\n',
      ).join(),
    ).toMatch(/Buffer/);
    expect(typeErrors('tsconfig.main.json', 'main/x.ts', nodeCode)).toEqual([]);
  });
});
