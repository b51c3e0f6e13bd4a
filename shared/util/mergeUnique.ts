/** Merges name -> value tables, refusing a name defined twice (`what` names the kind in the error). */
export function mergeUnique<T>(what: string, ...tables: Record<string, T>[]): Record<string, T> {
  const all: Record<string, T> = {};
  for (const table of tables) {
    for (const [name, value] of Object.entries(table)) {
      if (name in all) throw new Error(`${what} ${name} defined twice`);
      all[name] = value;
    }
  }
  return all;
}
