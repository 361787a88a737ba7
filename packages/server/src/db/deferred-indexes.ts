import type { Database, Queryable } from './client';

export interface Restore {
  name: string;
  sql: string;
  /** A plain index: nothing is checked when it is built, so it may wait until after the load's commit. */
  plain: boolean;
}

export interface DeferredIndexes {
  /** Statements that drop the secondary indexes (and foreign keys, when asked). */
  drop: string[];
  /** What builds them again, as the migrations wrote them: indexes first, then foreign keys. */
  restore: Restore[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What a bulk load may drop and rebuild so that each index is built once from the full table instead of
 * absorbing the rows one by one, and each foreign key is checked by one join instead of a trigger per
 * row: the tables' secondary indexes (not primary keys, nor an index behind a constraint) and, when
 * asked, their foreign keys. Read from the catalog so the migrations stay the one place they are written.
 */
export async function deferrableIndexes(q: Queryable, tables: string[], opts: { foreignKeys?: boolean } = {}): Promise<DeferredIndexes> {
  const indexes = await q.query<{ name: string; def: string; plain: boolean }>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, NOT x.indisunique AS plain
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
    ORDER BY i.relname`, [tables]);
  const fks = opts.foreignKeys ? await q.query<{ tbl: string; name: string; def: string }>(`
    SELECT t.relname AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace
    ORDER BY t.relname, c.conname`, [tables]) : [];
  return {
    drop: [
      ...indexes.map((d) => `DROP INDEX ${quoteIdent(d.name)}`),
      ...fks.map((f) => `ALTER TABLE ${quoteIdent(f.tbl)} DROP CONSTRAINT ${quoteIdent(f.name)}`),
    ],
    restore: [
      ...indexes.map((d) => ({ name: d.name, sql: d.def, plain: d.plain })),
      ...fks.map((f) => ({ name: f.name, sql: `ALTER TABLE ${quoteIdent(f.tbl)} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.def}`, plain: false })),
    ],
  };
}

/** Leaves indexes to be built after the caller's transaction commits (see buildDeferredIndexes). */
export async function deferIndexBuilds(q: Queryable, builds: readonly Restore[]) {
  for (const b of builds) {
    await q.query('INSERT INTO deferred_index_builds (name, def) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET def = EXCLUDED.def', [b.name, b.sql]);
  }
}

/**
 * Builds every index left in deferred_index_builds, one per connection side by side on PostgreSQL (GIN
 * builds use one core each), each with the removal of its row in one transaction: a build that fails or
 * is cut off leaves its row for the next call. Runs after a first import and on every start (migrate),
 * where a row still there means the process stopped between the import's commit and its indexes. A row
 * another process is building is skipped.
 */
export async function buildDeferredIndexes(database: Database, onBuilt?: (done: number, total: number) => void): Promise<number> {
  // The GIN builds first (PostgreSQL 15 builds one on one core, the longest jobs): with two workers they should not start last.
  const pending = await database.query<{ name: string }>("SELECT name FROM deferred_index_builds ORDER BY def LIKE '% USING gin %' DESC, name");
  let built = 0;
  const queue = pending.map((p) => p.name);
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const done = await database.transaction(async (q) => {
        const row = (await q.query<{ def: string }>('SELECT def FROM deferred_index_builds WHERE name = $1 FOR UPDATE SKIP LOCKED', [name]))[0];
        if (!row) return false;
        const exists = (await q.query('SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = current_schema()::regnamespace', [name])).length > 0;
        if (!exists) await q.query(row.def);
        await q.query('DELETE FROM deferred_index_builds WHERE name = $1', [name]);
        return true;
      });
      if (done) onBuilt?.(++built, pending.length);
    }
  };
  await Promise.all(database.engine === 'postgres' ? [worker(), worker()] : [worker()]);
  return built;
}
