import type { Config } from '../config';
import { loadDataKey, smCryptoProvider, useCryptoProvider } from '../crypto/data-crypto';
import { sealExistingPersonalData } from '../crypto/seal-existing';
import { openPglite, openPostgres, type Database } from './client';
import { migrate } from './migrate';

/**
 * Opens the configured engine — a real server when DATABASE_URL is set, else PGlite in the data folder —
 * loads the data key that seals personal data, migrates, and seals what older versions left in plaintext.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir' | 'dataDir'>, opts: { migrate?: boolean } = {}): Promise<Database> {
  useCryptoProvider(smCryptoProvider(loadDataKey(config.dataDir)));
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.pgliteDir);
  if (opts.migrate !== false) {
    await migrate(database);
    await sealExistingPersonalData(database);
  }
  return database;
}
