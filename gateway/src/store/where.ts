// Builds the WHERE clause of a query from optional filters, with named parameters (never text
// pasted into SQL).
export function whereBuilder(args: Record<string, unknown> = {}) {
  const conditions: string[] = [];
  return {
    args,
    /** Adds `condition` (using @key) when value is defined. */
    add(condition: string, key: string, value: unknown): void {
      if (value === undefined) return;
      conditions.push(condition);
      args[key] = value;
    },
    sql: () => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''),
  };
}
