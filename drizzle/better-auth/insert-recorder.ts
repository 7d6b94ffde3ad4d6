// Watches the INSERTs Better-Auth sends through a pg.Pool to report which
// columns it writes itself, which it sets to NULL, and which it leaves to the
// database's defaults.
import type pg from 'pg';

interface Seen {
  columns: Set<string>;
  nulls: Set<string>;
}

const INSERT = /^insert into "([a-z_]+)" \(([^)]*)\) values \(([^)]*)\)/i;

export function recordInserts(pool: pg.Pool) {
  const seen: Record<string, Seen> = {};
  const originalQuery = pool.query.bind(pool) as (...args: any[]) => any;
  // Drizzle renders every column of the table in an INSERT, with `default`
  // for those the caller left out: pair the column list with the VALUES list.
  (pool as any).query = (config: any, ...rest: any[]) => {
    const text: string = typeof config === 'string' ? config : config?.text ?? '';
    const match = INSERT.exec(text);
    if (match) {
      const params: unknown[] = config?.values ?? rest[0] ?? [];
      const table = (seen[match[1]] ??= { columns: new Set(), nulls: new Set() });
      const values = match[3].split(',').map((v) => v.trim());
      match[2].split(',').forEach((quoted, i) => {
        if (!values[i]?.startsWith('$')) return;
        const column = quoted.trim().replace(/"/g, '');
        table.columns.add(column);
        if (params[Number(values[i].slice(1)) - 1] === null) table.nulls.add(column);
      });
    }
    return originalQuery(config, ...rest);
  };
  return {
    /** Per table: `written` (given a value) and `writtenNull` (given NULL) columns, sorted. */
    summary() {
      return Object.fromEntries(
        Object.entries(seen).map(([name, { columns, nulls }]) => [
          name,
          { written: [...columns].sort(), writtenNull: [...nulls].sort() },
        ]),
      );
    },
  };
}
