/** The database under test: a throwaway PostgreSQL server (scripts/pg-harness.mjs), a given one, or embedded PGlite. */
import { openPglite, openPostgres, type Database } from '../../packages/server/src/db/client';
import { migrate } from '../../packages/server/src/db/migrate';
import type { Engine } from './args';
import type { Report } from './report';

export interface Opened {
  database: Database;
  close: () => Promise<void>;
}

export async function openEngine(engine: Engine, databaseUrl: string | null, report: Report): Promise<Opened> {
  if (engine === 'pglite') {
    const database = await openPglite(undefined);
    await migrate(database);
    report.note('engine: embedded PGlite, in memory, in the benchmark process (one connection)');
    return { database, close: () => database.close() };
  }
  let url = databaseUrl;
  let stopServer: (() => Promise<void>) | null = null;
  if (!url) {
    // @ts-expect-error plain ESM helper without types
    const harness = await import('../pg-harness.mjs');
    const server = await harness.startPostgres({});
    stopServer = server.stop;
    url = await harness.createDatabase(server.url, `bench_${Date.now()}`) as string;
    report.note('engine: throwaway PostgreSQL from scripts/pg-harness.mjs — fsync=off, synchronous_commit=off, full_page_writes=off, shared_buffers=256MB: '
      + 'durability is off, so loads and writes are faster than on a production server');
  }
  const database = await openPostgres(url);
  // Sorts and hash joins of a national roll-up want more than the default 4MB; 64MB is a modest production value.
  const dbName = (await database.query<{ d: string }>('SELECT current_database() AS d'))[0]!.d;
  await database.query(`ALTER DATABASE "${dbName}" SET work_mem = '64MB'`);
  await database.close();
  const reopened = await openPostgres(url);
  await migrate(reopened);
  const v = (await reopened.query<{ v: string }>('SELECT current_setting(\'server_version\') AS v'))[0]!.v;
  report.meta.postgres = v;
  report.note(`engine: PostgreSQL ${v}, work_mem=64MB, application pool of 10 connections`);
  return {
    database: reopened,
    close: async () => {
      await reopened.close();
      await stopServer?.();
    },
  };
}
