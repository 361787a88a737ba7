import type { Database, Queryable } from '../../packages/server/src/db/client';
import { deferrableIndexes } from '../../packages/server/src/db/deferred-indexes';
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
 * Runs a bulk load with the tables' secondary indexes dropped, then builds them again — on PostgreSQL two
 * at a time on the two cores, the slow GIN builds first. A production first import does the same for the
 * org tables (divisions.import); here it also spares the 10M records their index maintenance.
 */
export async function withIndexesDeferred<T>(database: Database, tables: string[], report: Report, label: string, fn: () => Promise<T>): Promise<T> {
  const { drop, restore } = await deferrableIndexes(database, tables);
  for (const s of drop) await database.query(s);
  const result = await fn();
  const t = Date.now();
  const queue = [...restore].sort((a, b) => Number(b.gin) - Number(a.gin)).map((r) => r.sql);
  let built = 0;
  const worker = () => database.transaction(async (q) => {
    await q.query("SET LOCAL maintenance_work_mem = '512MB'");
    for (let s = queue.shift(); s; s = queue.shift()) {
      await q.query(s);
      report.progress(`  ${label}: indexes ${++built}/${restore.length}`);
    }
  });
  await Promise.all(database.engine === 'postgres' ? [worker(), worker()] : [worker()]);
  report.progressDone();
  report.figure(`load.${label}.index_build_seconds`, (Date.now() - t) / 1000, 's');
  return result;
}
