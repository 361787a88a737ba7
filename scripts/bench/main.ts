/**
 * `npm run bench` (issue 8): load the division tree grown to the League's size and a synthetic year of
 * records, then time the roll-ups, the compliance matrix, a form, name search and three HTTP routes —
 * each through the application and as hand-written SQL — printing `BENCH <name> <value> <unit>` lines
 * and writing them all to a JSON file.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Actor } from '../../packages/server/src/auth/policy';
import { smCryptoProvider, useCryptoProvider } from '../../packages/server/src/crypto/data-crypto';
import { registerBuiltinTemplates } from '../../packages/server/src/features/templates/builtin';
import { SYSTEM_ACTOR } from '../../packages/server/src/system-actor';
import { parseArgs, type Case, type Options } from './args';
import { openEngine } from './engine';
import { runHttp } from './http';
import { loadRecords } from './load-records';
import { loadTree } from './load-tree';
import { Report } from './report';
import { runSuite } from './suite';

async function runCase(c: Case, opts: Options, report: Report) {
  report.prefix = c.prefix;
  report.note(`case: ${c.engine}, scale ${c.scale.label}, orgs ${c.orgs ?? 'default'}, records ${c.records ?? 'default'}, seed ${opts.seed}`);
  const started = Date.now();
  const { database, close } = await openEngine(c.engine, opts.databaseUrl, report);
  try {
    await registerBuiltinTemplates(database.db);
    const tree = await loadTree(database, c.scale, c.orgs, opts.seed, report);
    const loaded = await loadRecords(database, tree, c.records ?? tree.recordsDefault, opts.year, opts.seed, report);
    report.figure('data.records', loaded.records, 'records');
    report.figure('data.counties', tree.counties.length, 'counties');
    report.figure('load.total.seconds', (Date.now() - started) / 1000, 's');
    // Heap and indexes as loaded: what docs/scaling.md's "what one server holds" is computed from.
    for (const table of ['orgs', 'org_paths', 'records']) {
      const mb = (await database.query<{ b: string }>(`SELECT pg_total_relation_size('${table}') AS b`))[0]!.b;
      report.figure(`size.${table}_mb`, Number(mb) / 2 ** 20, 'MB');
    }

    const county = loaded.busy.county;
    const countyActor: Actor = { userId: 0, username: 'bench-county', displayName: '县级管理员', role: 'manager', orgId: county.id, orgPath: county.path };
    const admin: Actor = { ...SYSTEM_ACTOR, orgId: tree.root.id, orgPath: tree.root.path };
    const now = new Date(`${Number(opts.year) + 1}-01-10T02:00:00Z`);
    await runSuite({ database, report, tree, loaded, admin, countyActor, now, runs: opts.runs, warmup: opts.warmup, recursiveRuns: opts.recursiveRuns });
    if (c.http) {
      const city = Number(county.path.split('/').at(-3));
      const under = (await database.query<{ id: number; path: string; level: 'city'; code: string; name: string }>('SELECT id, path, level, code, name FROM orgs WHERE id = $1', [city]))[0]!;
      await runHttp({ database, report, loaded, searchUnder: under, seconds: opts.seconds, connections: opts.connections });
    }
    report.figure('case.seconds', (Date.now() - started) / 1000, 's');
  } finally {
    await close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // No personal data is benchmarked; a throwaway key keeps the sealing code path satisfied.
  useCryptoProvider(smCryptoProvider(randomBytes(32)));
  const report = new Report();
  report.note(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GB, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const c of opts.cases) await runCase(c, opts, report);
  report.prefix = '';
  report.write(opts.out, { ...opts, cases: opts.cases.map((c) => ({ ...c, scale: c.scale.label })) });
  console.log(`# figures written to ${opts.out}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
