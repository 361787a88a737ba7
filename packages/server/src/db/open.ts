import type { Config } from '../config';
import { openPglite, openPostgres, type Database } from './client';
import { migrate } from './migrate';

/** Opens the configured engine — a real server when DATABASE_URL is set, else PGlite in the data folder — and migrates it. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>, opts: { migrate?: boolean } = {}): Promise<Database> {
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.pgliteDir);
  if (opts.migrate !== false) await migrate(database);
  return database;
}
