import type { Database, Queryable } from '../../packages/server/src/db/client';
import { buildDeferredIndexes, deferIndexBuilds, deferrableIndexes } from '../../packages/server/src/db/deferred-indexes';
import type { Report } from './report';

/**
 * A batch of generated rows in its own transaction, without foreign-key checks (the generator only
 * names orgs and programs that exist) and with a large GIN pending list: the set-up, not the product's
 * write path, which the HTTP write route measures.
 */
export async function bulkWrite(database: Database, fn: (q: Queryable) => Promise<void>) {
  await database.transaction(async (q) => {
    await q.query("SET LOCAL session_replication_role = 'replica'");
    await q.query("SET LOCAL gin_pending_list_limit = '256MB'");
    await fn(q);
  });
}

/**
 * Up to `parallel` batches in flight while the caller generates the next: on PostgreSQL two backends
 * write side by side (the batches are independent: no foreign-key checks, ids reserved beforehand);
 * PGlite has one connection, so there it only overlaps nothing and costs nothing.
 */
export class BatchWriter {
  private inflight = new Set<Promise<void>>();
  /** Milliseconds the generator waited for a free slot: how database-bound the load is. */
  waitMs = 0;
  constructor(private database: Database, private parallel: number) {}

  async submit(fn: (q: Queryable) => Promise<void>, done: () => void) {
    const t = Date.now();
    while (this.inflight.size >= this.parallel) await Promise.race(this.inflight);
    this.waitMs += Date.now() - t;
    const p: Promise<void> = bulkWrite(this.database, fn).then(done).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  async drain() {
    const t = Date.now();
    await Promise.all(this.inflight);
    this.waitMs += Date.now() - t;
  }
}

/**
 * Runs a bulk load with the tables' secondary indexes dropped, then builds them again through the same
 * deferred builds a first import uses (two at a time on PostgreSQL, the GIN builds first). A production
 * first import does this for the org tables (divisions.import); here it also spares the 10M records
 * their index maintenance.
 */
export async function withIndexesDeferred<T>(database: Database, tables: string[], report: Report, label: string, fn: () => Promise<T>): Promise<T> {
  const { drop, restore } = await deferrableIndexes(database, tables);
  await database.transaction(async (q) => {
    for (const s of drop) await q.query(s);
    await deferIndexBuilds(q, restore);
  });
  const result = await fn();
  const t = Date.now();
  await buildDeferredIndexes(database, (done, total) => report.progress(`  ${label}: indexes ${done}/${total}`));
  report.progressDone();
  report.figure(`load.${label}.index_build_seconds`, (Date.now() - t) / 1000, 's');
  return result;
}
