import { isInSubtree, periodOf } from '@tuanjian/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/policy';
import type { Database } from '../src/db/client';
import { importDivisions } from '../src/features/orgs/divisions.import';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createRecord } from '../src/features/programs/records.service';
import { createProgram } from '../src/features/programs/programs.service';
import { rollup } from '../src/features/rollups/rollups.service';
import { buildApp } from '../src/http/app';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { freshDatabase, loginAs, seedUser } from './helpers';

/**
 * Issue 8: the roll-up layer groups records by the path segment at the group's depth. Checked against
 * the naive reading of the same question — for every group, walk all records and keep those whose org
 * lies in the group's subtree — on a real tree (梅州 and 泉州 from GB/T 2260) with orgs hung off every
 * level, including beside the groups (a city's direct org is in no county).
 */
let database: Database;
let programId: number;
type Org = { id: number; path: string; level: string; code: string };
let all: Org[];
interface Rec { orgId: number; kind: string; occurredOn: string; status: string; peopleReached: number | null }
const recs: Rec[] = [];
const ctx = systemContext('test');

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const orgByCode = (code: string) => all.find((o) => o.code === code)!;

beforeAll(async () => {
  database = await freshDatabase();
  await registerBuiltinTemplates(database.db);
  await importDivisions(database, ctx, ['441403', '441481', '3505']);
  const tpl = (await database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing'"))[0]!;
  programId = await createProgram(database.db, ctx, SYSTEM_ACTOR, { templateId: tpl.id, issuerOrgId: 1, scopeOrgId: 1, year: 2026, docNumber: '测试' });
  const orgOf = async (code: string) => (await database.query<Org>('SELECT id, path, level, code FROM orgs WHERE code = $1', [code]))[0]!;
  // beside the groups: a city's own direct org, a province's; below them: a school under a town
  const town = (await database.query<Org>("SELECT id, path, level, code FROM orgs WHERE level = 'township' ORDER BY code LIMIT 1"))[0]!;
  await createOrg(database.db, ctx, SYSTEM_ACTOR, { parentId: (await orgOf('4414')).id, code: 'T-CITY-DIRECT', name: '梅州市直属团支部', kind: 'direct_org' });
  await createOrg(database.db, ctx, SYSTEM_ACTOR, { parentId: (await orgOf('44')).id, code: 'T-PROV-DIRECT', name: '广东省直属团委', kind: 'direct_org' });
  const school = await createOrg(database.db, ctx, SYSTEM_ACTOR, { parentId: town.id, code: 'T-SCHOOL', name: '镇中学团委', kind: 'committee', sector: 'school' });
  await createOrg(database.db, ctx, SYSTEM_ACTOR, { parentId: school, code: 'T-CLASS', name: '初三（1）班团支部', kind: 'branch', sector: 'school' });
  all = await database.query<Org>('SELECT id, path, level, code FROM orgs ORDER BY id');

  const rand = rng(8);
  const kinds = ['joint_activity', 'work_meeting', 'study_exchange'];
  const statuses = ['submitted', 'verified', 'verified', 'draft', 'returned', 'superseded'];
  const cols: Rec[] = [];
  for (let i = 0; i < 3000; i++) {
    const org = all[Math.floor(rand() * all.length)]!;
    const day = 1 + Math.floor(rand() * 365);
    const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    cols.push({ orgId: org.id, kind: kinds[Math.floor(rand() * kinds.length)]!, occurredOn: date, status: statuses[Math.floor(rand() * statuses.length)]!, peopleReached: rand() < 0.5 ? Math.floor(rand() * 50) : null });
  }
  await database.query(
    `INSERT INTO records (program_id, kind, org_id, occurred_on, status, people_reached)
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::date[], $5::text[], $6::int[])`,
    [programId, cols.map((r) => r.kind), cols.map((r) => r.orgId), cols.map((r) => r.occurredOn), cols.map((r) => r.status), cols.map((r) => r.peopleReached)],
  );
  recs.push(...cols);
});

afterAll(async () => {
  await database.close();
});

/** The naive answer: every group against every record. */
function naive(scopeCode: string, level: string, unit: 'month' | 'quarter', kinds: string[], statuses: string[]) {
  const scope = orgByCode(scopeCode);
  const groups = all.filter((o) => o.level === level && isInSubtree(scope.path, o.path) && o.id !== scope.id).sort((a, b) => (a.code < b.code ? -1 : 1));
  const pathOf = new Map(all.map((o) => [o.id, o.path]));
  return groups.map((g) => {
    const cells = new Map<string, { count: number; people: number }>();
    for (const r of recs) {
      if (!kinds.includes(r.kind) || !statuses.includes(r.status) || !isInSubtree(g.path, pathOf.get(r.orgId)!)) continue;
      const key = periodOf(unit, r.occurredOn).key;
      const c = cells.get(key) ?? { count: 0, people: 0 };
      c.count++;
      c.people += r.peopleReached ?? 0;
      cells.set(key, c);
    }
    return { orgId: g.id, cells };
  });
}

function flatten(result: Awaited<ReturnType<typeof rollup>>) {
  return result.rows.map((r) => ({ orgId: r.orgId, cells: new Map(r.cells.filter((c) => c.count > 0).map((c) => [c.periodKey, { count: c.count, people: c.peopleReached }])) }));
}

describe('roll-ups over the org tree (issue 8)', () => {
  it('issue 8: every city × quarter of the nation equals the naive subtree count, records beside the cities left out', async () => {
    const r = await rollup(database.db, SYSTEM_ACTOR, { programId, kinds: ['joint_activity'], scopeOrgId: 1, groupLevel: 'city', unit: 'quarter' });
    expect(r.rows.map((x) => x.code)).toEqual(['3505', '4414']);
    expect(r.periods.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(flatten(r)).toEqual(naive('CYLC', 'city', 'quarter', ['joint_activity'], ['submitted', 'verified']));
    expect(r.totals.reduce((n, t) => n + t.count, 0)).toBeGreaterThan(50);
  });

  it('issue 8: one county, every township × month, several kinds, verified only', async () => {
    const r = await rollup(database.db, SYSTEM_ACTOR, { programId, kinds: ['work_meeting', 'study_exchange'], scopeOrgId: orgByCode('441403').id, groupLevel: 'township', unit: 'month', verifiedOnly: true });
    expect(r.rows.length).toBeGreaterThan(10);
    expect(r.periods).toHaveLength(12);
    expect(flatten(r)).toEqual(naive('441403', 'township', 'month', ['work_meeting', 'study_exchange'], ['verified']));
  });

  it('issue 8: a record counts as soon as it is saved', async () => {
    const village = all.find((o) => o.level === 'village' && o.code.startsWith('441481'))!;
    const args = { programId, kinds: ['study_exchange'], scopeOrgId: orgByCode('4414').id, groupLevel: 'county' as const, unit: 'quarter' as const };
    const cellOf = (r: Awaited<ReturnType<typeof rollup>>) => r.rows.find((x) => x.code === '441481')!.cells.find((c) => c.periodKey === '2026-Q2')!;
    const before = cellOf(await rollup(database.db, SYSTEM_ACTOR, args));
    await createRecord(database.db, ctx, SYSTEM_ACTOR, programId, { kind: 'study_exchange', orgId: village.id, occurredOn: '2026-05-04', peopleReached: 12, fields: { topic: '五四交流' } });
    const after = cellOf(await rollup(database.db, SYSTEM_ACTOR, args));
    expect(after.count).toBe(before.count + 1);
    expect(after.peopleReached).toBe(before.peopleReached + 12);
  });

  it('issue 8: a county manager cannot roll up the city above it, and an unknown kind is a 400', async () => {
    const county = orgByCode('441403');
    const manager: Actor = { userId: 99, username: 'm', displayName: 'm', role: 'manager', orgId: county.id, orgPath: county.path };
    await expect(rollup(database.db, manager, { programId, kinds: ['joint_activity'], scopeOrgId: orgByCode('4414').id, groupLevel: 'county', unit: 'month' }))
      .rejects.toMatchObject({ status: 404 });
    const own = await rollup(database.db, manager, { programId, kinds: ['joint_activity'], scopeOrgId: county.id, groupLevel: 'township', unit: 'month' });
    expect(own.rows.every((x) => x.code.startsWith('441403'))).toBe(true);
    await expect(rollup(database.db, SYSTEM_ACTOR, { programId, kinds: ['no_such_kind'], scopeOrgId: 1, groupLevel: 'city', unit: 'month' }))
      .rejects.toMatchObject({ status: 400 });
  });

  it('issue 8: the roll-up is a route — the same cells over HTTP for a city manager, a Chinese 400 for a bad level', async () => {
    const app = await buildApp({ database, webDist: null, config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, logLevel: 'silent', secureCookies: false } });
    try {
      const city = orgByCode('4414');
      await seedUser(database, 'rollup_city', 'manager', city.id);
      const c = await loginAs(app, 'rollup_city');
      const res = await c.get(`/api/programs/${programId}/rollup?kinds=joint_activity,work_meeting&scopeOrgId=${city.id}&groupLevel=county&unit=quarter`);
      expect(res.statusCode).toBe(200);
      const direct = await rollup(database.db, { ...SYSTEM_ACTOR, orgId: city.id, orgPath: city.path }, { programId, kinds: ['joint_activity', 'work_meeting'], scopeOrgId: city.id, groupLevel: 'county', unit: 'quarter' });
      expect(res.json().totals).toEqual(direct.totals);
      expect(res.json().rows.map((r: { code: string }) => r.code)).toEqual(direct.rows.map((r) => r.code));
      const bad = await c.get(`/api/programs/${programId}/rollup?kinds=joint_activity&scopeOrgId=${city.id}&groupLevel=planet&unit=quarter`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('分组层级无效');
    } finally {
      await app.close();
    }
  });
});
