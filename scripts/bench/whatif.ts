/**
 * `--what-if`: the same roll-ups on a copy of the org path kept on each record, with an index that starts
 * (program, kind, path). Not the application's schema: evidence for docs/scaling.md of what that change
 * would buy — a county's roll-up reads the county's records only instead of the kind's whole volume.
 */
import type { Database } from '../../packages/server/src/db/client';
import type { Loaded } from './load-records';
import { timeIt } from './measure';
import type { Report } from './report';
import { NAME_GROUP, type RollupResult } from './suite';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function whatIfOrgPath(database: Database, report: Report, loaded: Loaded, rollups: RollupResult[], runs: number, warmup: number) {
  const t = Date.now();
  await database.query('ALTER TABLE records ADD COLUMN bench_org_path text COLLATE "C"');
  await database.query('UPDATE records r SET bench_org_path = o.path FROM orgs o WHERE o.id = r.org_id');
  await database.query('CREATE INDEX records_bench_path_idx ON records (program_id, kind, bench_org_path) INCLUDE (occurred_on, status, people_reached, amount)');
  // Twice: the first pass clears the old row versions, the second can then mark the pages all-visible,
  // without which the index-only scan still visits the heap for every row.
  await database.query('VACUUM ANALYZE records');
  await database.query('VACUUM records');
  report.figure('whatif_org_path.setup_seconds', (Date.now() - t) / 1000, 's');
  const p = loaded.s0;
  for (const r of rollups) {
    const { c, depth } = r;
    const sql = `SELECT c.g AS id, c.p, c.n, c.people, c.amount FROM (
        SELECT nullif(split_part(r.bench_org_path, '/', ${depth + 2}), '')::int AS g, date_trunc('${c.unit}', r.occurred_on::timestamp)::date AS p, count(*)::int AS n,
               coalesce(sum(r.people_reached), 0)::bigint AS people, coalesce(sum(r.amount), 0)::float8 AS amount
        FROM records r
        WHERE r.program_id = ${p.id} AND r.kind = ${lit(c.kind)} AND r.bench_org_path >= ${lit(c.scope.path)} AND r.bench_org_path < ${lit(`${c.scope.path.slice(0, -1)}0`)}
          AND r.occurred_on BETWEEN ${lit(p.startsOn)} AND ${lit(p.endsOn)} AND r.status IN ('submitted', 'verified')
        GROUP BY 1, 2) c
      ${NAME_GROUP} WHERE g.level = ${lit(c.level)}`;
    const cells = r.toCells(await database.query(sql));
    const same = cells.size === r.cells.size && [...r.cells].every(([k, v]) => cells.get(k) === v);
    if (!same) report.note(`MISMATCH whatif_org_path.${c.name}: ${cells.size} cells against the app's ${r.cells.size}`);
    const m = await timeIt(() => database.query(sql), runs, warmup);
    report.figure(`whatif_org_path.${c.name}.sql_ms`, m.median, 'ms');
    report.ratio(`whatif_org_path.${c.name}.speedup_vs_app`, r.appMs, m.median);
  }
  await database.query('DROP INDEX records_bench_path_idx');
  await database.query('ALTER TABLE records DROP COLUMN bench_org_path');
}
