import { addDays, addMonths, toCivilDate } from '@tuanjian/domain';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { findOrgByCode } from '../features/orgs/orgs.queries';
import { createOrg } from '../features/orgs/orgs.service';
import { orgs } from '../features/orgs/orgs.table';
import { decide, nominate } from '../features/programs/nominations.service';
import { createPairing } from '../features/programs/pairings.service';
import { assignHolder } from '../features/programs/holders.service';
import { createProgram } from '../features/programs/programs.service';
import { programRoles, programTemplates } from '../features/programs/programs.table';
import { createRecord } from '../features/programs/records.service';
import { SYSTEM_ACTOR, systemContext } from '../system-actor';
import { guangdongDemo, huaihuaDemo, luoheDemo, quanzhouDemo } from './demo-programs-s1-s4';
import { meizhouRatingsDemo } from './demo-ratings';
import { luoheTasksDemo, quanzhouTargetsDemo } from './demo-targets';

const TARGET_DEMOS: Record<string, (database: Database, programId: number) => Promise<void>> = {
  's2-luohe-vital': luoheTasksDemo,
  's4-quanzhou-big-committee': quanzhouTargetsDemo,
};

/** Each built-in template, instantiated for this year on the region its seed came from. */
const DEMO_PROGRAMS = [
  { key: 's0-meizhou-pairing', org: '4414', doc: '梅团联〔2026〕3号' },
  { key: 's1-huaihua-assistance', org: '4312', doc: '怀团发〔2026〕12号' },
  { key: 's2-luohe-vital', org: '4111', doc: '漯团〔2026〕8号' },
  { key: 's3-guangdong-stationing', org: '44', doc: '团粤发〔2026〕5号' },
  { key: 's4-quanzhou-big-committee', org: '3505', doc: '泉团〔2026〕21号' },
  // After its lock day (12-20) this year's rating is closed: the demo shows next year's, still open.
  { key: 'x-branch-star-rating', org: '4414', doc: '梅团〔2026〕15号', rollsOverAfter: '12-20' },
];

const ctx = systemContext('demo');
const ALL_PASS = Object.fromEntries(['team', 'institutions', 'ledger', 'direct_orgs', 'activities'].map((k) => [k, { passed: true, reason: '演示：材料齐全' }]));

export async function instantiateSeedPrograms(database: Database) {
  const db = database.db;
  const year = new Date().getFullYear();
  for (const p of DEMO_PROGRAMS) {
    const tpl = (await db.select().from(programTemplates).where(eq(programTemplates.key, p.key)).orderBy(programTemplates.version))[0];
    const org = await findOrgByCode(db, p.org);
    if (!tpl || !org) continue;
    const rollOver = 'rollsOverAfter' in p && toCivilDate(new Date()) > `${year}-${p.rollsOverAfter}`;
    const id = await createProgram(db, ctx, SYSTEM_ACTOR, { templateId: tpl.id, issuerOrgId: org.id, scopeOrgId: org.id, year: rollOver ? year + 1 : year, docNumber: p.doc });
    const fill = { 's0-meizhou-pairing': meizhouPairing, 's1-huaihua-assistance': huaihuaDemo, 's2-luohe-vital': luoheDemo, 's3-guangdong-stationing': guangdongDemo, 's4-quanzhou-big-committee': quanzhouDemo, 'x-branch-star-rating': meizhouRatingsDemo }[p.key];
    await fill?.(database, id);
    await TARGET_DEMOS[p.key]?.(database, id);
  }
}

/**
 * S0 on 梅县区: a demo town that meets the standard (over 20 direct orgs), a demo village and a co-build
 * village approved and paired, a second candidate town waiting, and a year of meetings and joint
 * activities — full in some months, half in others, missing in a few — so the matrix shows every colour.
 */
async function meizhouPairing(database: Database, programId: number) {
  const db = database.db;
  const towns = await db.select().from(orgs).where(sql`${orgs.code} LIKE '441403%' AND ${orgs.level} = 'township' AND ${orgs.kind} = 'committee'`).orderBy(orgs.code).limit(2);
  const villages = await db.select().from(orgs).where(sql`${orgs.code} LIKE '441403%' AND ${orgs.level} = 'village'`).orderBy(orgs.code).limit(2);
  const [waiting, town] = towns; // 松口镇 stays a candidate awaiting the city's decision
  const [demoVillage, cobuild] = villages;
  if (!town || !waiting || !demoVillage || !cobuild) return;
  const existing = (await db.select({ n: sql<number>`count(*)::int` }).from(orgs).where(sql`${orgs.parentId} = ${town.id} AND ${orgs.kind} = 'direct_org'`))[0]?.n ?? 0;
  for (let i = existing; i < 22; i++) {
    await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: town.id, code: `${town.code}-DO${String(i + 1).padStart(2, '0')}`, name: `${town.name.replace(/团委$/, '')}第${i + 1}直属团支部`, kind: 'direct_org', sector: 'non_public_enterprise', foundedOn: '2025-06-01' });
  }
  const approve = async (roleKey: string, orgId: number, reviews = {}) => {
    const nid = await nominate(db, ctx, SYSTEM_ACTOR, programId, { roleKey, orgId, reviews });
    const row = (await db.select().from(programRoles).where(eq(programRoles.id, nid)))[0]!;
    await decide(db, ctx, SYSTEM_ACTOR, programId, nid, { decision: 'approve', version: row.version });
  };
  await approve('demo_town', town.id, ALL_PASS);
  await approve('demo_village', demoVillage.id);
  await approve('cobuild_village', cobuild.id);
  await nominate(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'demo_town', orgId: waiting.id });
  await createPairing(db, ctx, SYSTEM_ACTOR, programId, { modeKey: 'demo_cobuild', members: { demo_units: [town.id, demoVillage.id], cobuild_unit: [cobuild.id] } });
  await createPairing(db, ctx, SYSTEM_ACTOR, programId, { modeKey: 'village_pair', members: { demo_village_side: [demoVillage.id], cobuild_village_side: [cobuild.id] } });
  const county = (await db.select().from(orgs).where(sql`${orgs.code} = '441403'`))[0];
  if (county) await meizhouCounty(database, programId, { county: county.id, town: town.id, demoVillage: demoVillage.id, cobuild: cobuild.id });

  const today = toCivilDate(new Date());
  const first = `${today.slice(0, 4)}-01-01`;
  // month i gets 2, 1 or 0 meetings by a fixed pattern: mostly green, some yellow, a few red
  const pattern = [2, 2, 1, 2, 0, 2, 2, 1, 2, 2, 0, 2];
  for (let m = 0; m < 12; m++) {
    const monthStart = addMonths(first, m);
    for (let k = 0; k < (pattern[m] ?? 0); k++) {
      const day = addDays(monthStart, 4 + k * 12);
      if (day > today) break;
      await createRecord(db, ctx, SYSTEM_ACTOR, programId, { kind: 'work_meeting', orgId: k === 0 ? town.id : cobuild.id, occurredOn: day, partnerOrgIds: [k === 0 ? cobuild.id : town.id], fields: { topic: `${m + 1}月共建工作例会` } });
    }
    const joint = addDays(monthStart, 9);
    if (pattern[m] !== 0 && joint <= today) {
      await createRecord(db, ctx, SYSTEM_ACTOR, programId, { kind: 'joint_activity', orgId: demoVillage.id, occurredOn: joint, peopleReached: 30 + m, partnerOrgIds: [cobuild.id], fields: demoFields('joint_activity') });
    }
  }
}

/**
 * S0.4, S0.5, S0.7, S0.8 on 梅县区: the county committee with its "2+3" units, quarterly study exchanges and
 * lecture tours, monthly supervision by the county and the demo town, quarterly bulletins — each with a gap,
 * and the other 梅州 counties named but silent, so their rows read red.
 */
async function meizhouCounty(database: Database, programId: number, units: { county: number; town: number; demoVillage: number; cobuild: number }) {
  const db = database.db;
  const counties = await db.select().from(orgs).where(sql`${orgs.code} LIKE '4414%' AND ${orgs.level} = 'county'`).orderBy(orgs.code);
  for (const c of counties) await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'county_committee', holder: { type: 'org', id: c.id } });
  await createPairing(db, ctx, SYSTEM_ACTOR, programId, { modeKey: '2+3', members: { county_side: [units.county], paired_units: [units.town, units.demoVillage, units.cobuild] } });
  const today = toCivilDate(new Date());
  const year = today.slice(0, 4);
  const rec = async (input: Parameters<typeof createRecord>[4]) => { if (input.occurredOn <= today) await createRecord(db, ctx, SYSTEM_ACTOR, programId, input); };
  for (const [q, month] of ['01', '04', '07', '10'].entries()) {
    if (q !== 2) await rec({ kind: 'study_exchange', orgId: units.town, occurredOn: `${year}-${month}-18`, peopleReached: 24, fields: { topic: `第${q + 1}季度结对共建交流研讨` } });
    if (q !== 1) await rec({ kind: 'lecture_tour', orgId: units.demoVillage, occurredOn: `${year}-${month}-22`, peopleReached: 40, fields: { topic: '青年大学习团课下乡', lecturer: '李晓明', lecturer_level: '县' } });
    if (q !== 3) await rec({ kind: 'bulletin', orgId: units.county, occurredOn: addDays(addMonths(`${year}-${month}-01`, 2), 25), fields: { summary: `第${q + 1}季度结对共建工作总结`, progress: '各镇村按计划推进' } });
  }
  for (let m = 0; m < 12; m++) {
    const first = addMonths(`${year}-01-01`, m);
    if (m % 4 !== 3) await rec({ kind: 'site_supervision', orgId: units.county, occurredOn: addDays(first, 15), fields: { visited_org: '丙村镇团委', findings: '台账齐全，例会按时召开' } });
    if (m % 5 !== 4) await rec({ kind: 'site_supervision', orgId: units.town, occurredOn: addDays(first, 19), fields: { visited_org: '示范村团支部', guidance: '加强青年志愿服务队建设' } });
  }
}

function demoFields(kind: string): Record<string, string> {
  return kind === 'joint_activity' ? { title: '青年志愿服务进村', content: '示范村与共建村联合开展志愿服务' } : {};
}
