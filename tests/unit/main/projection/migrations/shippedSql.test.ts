// A shipped migration step never changes: users' projections already ran it, and a rebuild runs
// it again. The SQL each step hands to the database (recorded from a stand-in) is pinned here by
// its SHA-256, so text shared between steps (migrations/requirementRowTriggers.ts) or a builder
// they call cannot alter a statement unnoticed. A step adds its line once it has shipped.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { migrations } from '../../../../../main/projection/migrations';

const SHIPPED_SQL_SHA256: Record<number, string> = {
  10: '3787d8e88fccbfc9934937ab29e4ff52f6a75ad383dfc9bb0b3675d07784fd2a',
  20: 'b92c04e7286789c2a9ebfb5de0c403a87c8b4cf93f7c9be985c5a58d39b11c66',
  30: '846c49840803eb0d1c794d4516c987787254d65868fecc83aaf8942aadc49e43',
  40: '153131f3bccc787657e08e358f0a02e7339d6a7ee02cbd586740099a8b738262',
  50: '8f4a03c85f3a1ff4d9ff0263ed8efbbf89fcd400f089240e4c1c6ec261d6ffd6',
  60: '05abe33c44b643ff864e4e2df670de65b62fa4c85722a6265df558b0bf68cede',
};

/** Every statement a step executes, in order, as one text. */
function sqlOf(up: (db: Database) => void): string {
  const executed: string[] = [];
  const recorder = {
    exec(sql: string) {
      executed.push(sql);
      return recorder;
    },
  };
  up(recorder as unknown as Database);
  return executed.join('\n-- exec --\n');
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('shipped projection migrations', () => {
  it.each(Object.entries(SHIPPED_SQL_SHA256).map(([version, hash]) => [Number(version), hash]))(
    'step %i runs exactly the SQL it shipped with',
    (version, hash) => {
      const step = migrations.find((m) => m.version === version);
      expect(step).toBeDefined();
      const sql = sqlOf(step!.up);
      expect(sql).toContain('CREATE');
      expect(sha256(sql)).toBe(hash);
    },
  );
});
