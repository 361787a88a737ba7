import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client';
import { buildDeferredIndexes } from './deferred-indexes';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function listMigrations(): { version: string; file: string }[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), file: path.join(MIGRATIONS_DIR, f) }));
}

/** Applies pending migrations in order, each in its own transaction. Safe to run from several processes at once. */
export async function migrate(database: Database, onApplied?: (version: string) => void): Promise<string[]> {
  await database.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await database.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
    if (done.length > 0) continue;
    const body = fs.readFileSync(m.file, 'utf8');
    // The advisory lock serialises concurrent starters; the re-check skips what the winner applied.
    const script = `SELECT pg_advisory_xact_lock(4242001);
DO $$ BEGIN IF EXISTS (SELECT 1 FROM schema_migrations WHERE version = '${m.version}') THEN RAISE EXCEPTION 'already-applied'; END IF; END $$;
${body}
INSERT INTO schema_migrations (version) VALUES ('${m.version}');`;
    try {
      await database.runScript(script);
      applied.push(m.version);
      onApplied?.(m.version);
    } catch (err) {
      if (String((err as Error).message).includes('already-applied')) continue;
      throw new Error(`迁移 ${m.version} 失败：${(err as Error).message}`);
    }
  }
  // Indexes a first import left for after its commit, if the process stopped before building them.
  await buildDeferredIndexes(database);
  return applied;
}

export async function currentMigration(database: Database): Promise<string> {
  const rows = await database.query<{ version: string }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 'none';
}
