import type { Queryable } from './client';

export interface DeferredIndexes {
  /** Statements that drop the secondary indexes (and foreign keys, when asked). */
  drop: string[];
  /** Statements that build them again, indexes first, as the migrations wrote them. */
  restore: string[];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * What a bulk load may drop and rebuild so that each index is built once from the full table instead of
 * absorbing the rows one by one, and each foreign key is checked by one join instead of a trigger per
 * row: the tables' secondary indexes (not primary keys, nor an index behind a constraint) and, when
 * asked, their foreign keys. Read from the catalog so the migrations stay the one place they are written.
 */
export async function deferrableIndexes(q: Queryable, tables: string[], opts: { foreignKeys?: boolean } = {}): Promise<DeferredIndexes> {
  const indexes = await q.query<{ name: string; def: string }>(`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
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
      ...indexes.map((d) => d.def),
      ...fks.map((f) => `ALTER TABLE ${quoteIdent(f.tbl)} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.def}`),
    ],
  };
}
