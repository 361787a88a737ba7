import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { ENGINE, freshPostgresUrl, seedTree } from './helpers';

const run = promisify(execFile);
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/tuanjian.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every org, leader, path interval, user and audit row, as one digest per table. */
async function fingerprint(db: Database) {
  const tables = ['orgs', 'org_paths', 'org_events', 'org_leaders', 'users', 'audit_log'];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = await db.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`);
    out[t] = `${rows[0]!.n}:${rows[0]!.h}`;
  }
  return out;
}

describe(`tuanjian backup / restore (${ENGINE})`, () => {
  it('restores into an empty database exactly what was backed up', async () => {
    const file = path.join(tmp, ENGINE === 'postgres' ? 'backup.sql' : 'backup.tar.gz');
    let source: { args: string[]; open: () => Promise<Database> };
    let target: { args: string[]; open: () => Promise<Database> };
    if (ENGINE === 'postgres') {
      const a = await freshPostgresUrl();
      const b = await freshPostgresUrl();
      source = { args: ['--database-url', a], open: () => openPostgres(a) };
      target = { args: ['--database-url', b], open: () => openPostgres(b) };
    } else {
      source = { args: ['--data-dir', path.join(tmp, 'a')], open: () => openPglite(path.join(tmp, 'a', 'pglite')) };
      target = { args: ['--data-dir', path.join(tmp, 'b')], open: () => openPglite(path.join(tmp, 'b', 'pglite')) };
    }
    const db = await source.open();
    await migrate(db);
    await seedTree(db);
    const before = await fingerprint(db);
    await db.close();

    await run(process.execPath, [CLI, 'backup', file, ...source.args]);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    await run(process.execPath, [CLI, 'restore', file, ...target.args]);
    const restored = await target.open();
    expect(await fingerprint(restored)).toEqual(before);
    await restored.close();

    // a second restore onto the now non-empty target is refused, not merged
    await expect(run(process.execPath, [CLI, 'restore', file, ...target.args])).rejects.toThrow(/拒绝覆盖/);
  });
});
