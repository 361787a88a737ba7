import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { importDivisions } from '../features/orgs/divisions.import';
import { findOrgByCode } from '../features/orgs/orgs.queries';
import { createOrg, updateOrg } from '../features/orgs/orgs.service';
import { orgs } from '../features/orgs/orgs.table';
import { createUserAsSystem } from '../features/users/users.service';
import { users } from '../features/users/users.table';
import { SYSTEM_ACTOR, systemContext } from '../system-actor';
import { instantiateSeedPrograms } from './demo-programs';

/** The regions of the five seed programs: Guangdong (incl. Meizhou), Huaihua, Luohe, Quanzhou. */
export const DEMO_DIVISIONS = ['44', '4312', '4111', '3505'];

export const DEMO_USERS = [
  { username: 'gd_manager', displayName: '广东团省委组织部', role: 'manager', orgCode: '44' },
  { username: 'mz_manager', displayName: '梅州团市委城乡部', role: 'manager', orgCode: '4414' },
  { username: 'mx_reporter', displayName: '梅县区团委填报员', role: 'reporter', orgCode: '441403' },
  { username: 'mx_manager', displayName: '梅县区团委组织部', role: 'manager', orgCode: '441403' },
  { username: 'qz_viewer', displayName: '泉州团市委查看', role: 'viewer', orgCode: '3505' },
] as const;

type Progress = (phase: string, done: number, total: number) => void;

/** Loads the demo tree and accounts once; a second start finds them and does nothing. */
export async function loadDemo(database: Database, password: string, onProgress?: Progress) {
  const db = database.db;
  const ctx = systemContext('demo');
  const already = await db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(eq(orgs.code, '4414'));
  if ((already[0]?.n ?? 0) > 0) return false;
  const result = await importDivisions(database, ctx, DEMO_DIVISIONS, onProgress);
  for (const u of DEMO_USERS) {
    const org = await findOrgByCode(db, u.orgCode);
    const exists = await db.select({ id: users.id }).from(users).where(eq(users.username, u.username));
    if (org && exists.length === 0) await createUserAsSystem(db, ctx, { username: u.username, displayName: u.displayName, role: u.role, orgId: org.id, password });
  }
  await decorateMeizhou(database);
  await instantiateSeedPrograms(database);
  return result;
}

/** A few leaders, honors and township-level direct orgs so the registry shows what a real county holds. */
async function decorateMeizhou(database: Database) {
  const db = database.db;
  const ctx = systemContext('demo');
  const county = await findOrgByCode(db, '441403');
  if (county) {
    await updateOrg(db, ctx, SYSTEM_ACTOR, county.id, {
      version: county.version, memberCount: 5230, termElectedOn: '2023-05-04', termDueOn: '2028-05-04',
      leaders: [
        { position: 'secretary', name: '李晓明', mobile: '13802531234' },
        { position: 'deputy_secretary', name: '陈静', mobile: '13902535678' },
      ],
    });
  }
  const township = (await db.select().from(orgs).where(sql`${orgs.code} LIKE '441403%' AND ${orgs.level} = 'township' AND ${orgs.kind} = 'committee'`).orderBy(orgs.code).limit(1))[0];
  if (!township) return;
  const units = [
    { code: 'MX-DO-001', name: '梅县区丙村镇农村电商青年团支部', kind: 'direct_org', sector: 'non_public_enterprise', status: 'founded', foundedOn: '2024-03-15' },
    { code: 'MX-DO-002', name: '梅县区金柚种植合作社团支部', kind: 'direct_org', sector: 'rural', status: 'founded', foundedOn: '2024-06-01' },
    { code: 'MX-QO-001', name: '客家青年志愿服务队', kind: 'quasi_org', sector: 'social_organization', status: 'preparing' },
  ] as const;
  for (const u of units) {
    if (await findOrgByCode(db, u.code)) continue;
    await createOrg(db, ctx, SYSTEM_ACTOR, {
      parentId: township.id, code: u.code, name: u.name, kind: u.kind, sector: u.sector, status: u.status,
      foundedOn: 'foundedOn' in u ? u.foundedOn : null,
      leaders: u.status === 'preparing' ? [{ position: 'acting_secretary', name: '黄志强', mobile: '13692581234' }] : [{ position: 'secretary', name: '张伟', mobile: '13512345678' }],
    });
  }
  const ywh = await findOrgByCode(db, '441403');
  if (ywh && !(await findOrgByCode(db, 'MX-PU-001'))) {
    await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: ywh.id, code: 'MX-PU-001', name: '梅县区人民医院急诊科（青年文明号）', kind: 'partner_unit', sector: 'agency', honors: ['youth_civilization_post'] });
  }
}
