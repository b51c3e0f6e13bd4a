// The triggers that keep the requirement and ask rows (0050, replaced in 0060 with the ask's new
// columns) in step with `docs`: the same two triggers, given each step's INSERT statements.
// Shipped steps use this text, so it must never change: the SQL each step runs is pinned by
// tests/unit/main/projection/migrations/shippedSql.test.ts.

/** `requirements_ins` and `requirements_upd`, indented to sit four spaces into a step's SQL. */
export function requirementRowTriggers(insertRequirement: string, insertAsk: string): string {
  return `CREATE TRIGGER requirements_ins AFTER INSERT ON docs
      WHEN NEW.type IN ('requirement', 'requirementAsk') BEGIN
      ${insertRequirement}
      ${insertAsk}
    END;
    CREATE TRIGGER requirements_upd AFTER UPDATE ON docs
      WHEN OLD.type IN ('requirement', 'requirementAsk')
        OR NEW.type IN ('requirement', 'requirementAsk') BEGIN
      DELETE FROM requirements WHERE id = OLD.id;
      DELETE FROM requirement_asks WHERE id = OLD.id;
      ${insertRequirement}
      ${insertAsk}
    END;`;
}
