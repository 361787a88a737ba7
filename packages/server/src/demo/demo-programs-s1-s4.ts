/**
 * Demo holders, pairings and records for the S1–S4 programs, so that each compliance matrix shows
 * met, partly met, missed and upcoming cells at first start. Patterns are fixed (no randomness), so
 * the demo reads the same on every machine; dates after today are skipped.
 */
import { addDays, addMonths, toCivilDate } from '@tuanjian/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { orgs } from '../features/orgs/orgs.table';
import { createCadre, createDepartment } from '../features/people/people.service';
import { departments } from '../features/people/people.table';
import { assignHolder } from '../features/programs/holders.service';
import { importPairings, tableFromAssignments } from '../features/programs/pairings.import';
import { createPairing } from '../features/programs/pairings.service';
import { loadProgram } from '../features/programs/programs.service';
import { records } from '../features/programs/programs.table';
import { createRecord } from '../features/programs/records.service';
import { createOrg } from '../features/orgs/orgs.service';
import { SYSTEM_ACTOR, systemContext } from '../system-actor';

const ctx = systemContext('demo');
type Db = Database['db'];

const today = () => toCivilDate(new Date());
const monthsOf = (startsOn: string, endsOn: string) => {
  const out: string[] = [];
  for (let m = startsOn.slice(0, 7) + '-01'; m <= endsOn; m = addMonths(m, 1)) out.push(m);
  return out;
};

async function orgsWhere(db: Db, where: ReturnType<typeof sql>, limit: number) {
  return db.select().from(orgs).where(where).orderBy(orgs.code).limit(limit);
}

/** A record if its day has come; demo data never lies about the future. */
async function record(db: Db, programId: number, input: Parameters<typeof createRecord>[4]): Promise<number | null> {
  if (input.occurredOn > today()) return null;
  return createRecord(db, ctx, SYSTEM_ACTOR, programId, input);
}

/** S3.8 counts verified data only; until reviewers verify in the app, the demo marks its records verified. */
async function markVerified(db: Db, ids: Array<number | null>) {
  const real = ids.filter((x): x is number => x !== null);
  if (real.length) await db.update(records).set({ status: 'verified' }).where(inArray(records.id, real));
}

/** S2 漯河: four 团市委 departments on the 走基层周 (first week of each month) and quarterly observation. */
export async function luoheDemo(database: Database, programId: number) {
  const db = database.db;
  const program = await loadProgram(db, SYSTEM_ACTOR, programId);
  const city = program.p.issuerOrgId;
  const names = ['组织部', '学校部', '青年发展部', '宣传部'];
  const people = [['辛光辉', '刘畅'], ['封亚村'], ['赵博'], ['王蕾']];
  const depts: Array<{ id: number; cadres: number[] }> = [];
  for (const [i, name] of names.entries()) {
    const id = await createDepartment(db, ctx, SYSTEM_ACTOR, city, name);
    const cadres = [];
    for (const person of people[i]!) cadres.push(await createCadre(db, ctx, SYSTEM_ACTOR, city, { name: person, position: `${name}干部`, departmentId: id }));
    depts.push({ id, cadres });
    await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'city_department', holder: { type: 'department', id } });
  }
  const counties = await orgsWhere(db, sql`${orgs.code} LIKE '4111%' AND ${orgs.level} = 'county'`, 10);
  for (const c of counties) await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'county_committee', holder: { type: 'org', id: c.id } });
  const township = (await orgsWhere(db, sql`${orgs.code} LIKE '4111%' AND ${orgs.level} = 'township'`, 1))[0];
  // department i visits on day 3 (in the week), day 12 (too late: missed) or not at all, by month
  const pattern = [[3, 3, 12, 3, 0, 3, 3, 3, 12, 3, 3, 3], [3, 0, 3, 3, 3, 12, 0, 3, 3, 3, 3, 3], [3, 3, 3, 0, 3, 3, 3, 12, 3, 3, 0, 3], [12, 3, 3, 3, 3, 0, 3, 3, 3, 3, 3, 3]];
  for (const [i, month] of monthsOf(program.p.startsOn, program.p.endsOn).entries()) {
    for (const [d, dept] of depts.entries()) {
      const day = pattern[d]![i % 12]!;
      if (!day) continue;
      await record(db, programId, {
        kind: 'grassroots_visit', orgId: city, occurredOn: addDays(month, day - 1), departmentId: dept.id, cadreIds: dept.cadres.slice(0, 1), days: 1, peopleReached: 12 + d,
        placeOrgId: township?.id,
        fields: { name: people[d]![0]!, position: `${names[d]}干部`, leader: people[0]![0]!, visited_org: township?.name ?? '乡镇团委', form: '实地走访、座谈', cadres_met: 3, youths_met: 9 + d, org_work: '团组织按月开展主题团日活动，台账基本完整' },
      });
    }
    if ([2, 5, 8, 11].includes(i)) {
      for (const dept of depts.slice(0, i === 8 ? 1 : 3)) {
        await record(db, programId, { kind: 'observation', orgId: city, occurredOn: addDays(month, 14), departmentId: dept.id, peopleReached: 20,
          fields: { organizing_department: names[depts.indexOf(dept)]!, participants: '各县区团委书记', field: '非公企业', sites_and_content: '观摩非公企业团建阵地' } });
      }
    }
  }
  await record(db, programId, { kind: 'deliverable', orgId: city, occurredOn: today(), departmentId: depts[0]!.id, deliverableKey: 's2.5-research-report', fields: { title: '关于乡镇团组织活力的调研报告' } });
}

/** S3 广东: the template's assignment table (15 departments ↔ 21 cities) and stationing days of three departments. */
export async function guangdongDemo(database: Database, programId: number) {
  const db = database.db;
  const program = await loadProgram(db, SYSTEM_ACTOR, programId);
  const { modeKey, table } = tableFromAssignments(program.template);
  await importPairings(db, ctx, SYSTEM_ACTOR, programId, table, { modeKey, dryRun: false, createMissingDepartments: true });
  const province = program.p.issuerOrgId;
  const rows = await db.select({ id: departments.id, name: departments.name }).from(departments)
    .where(and(eq(departments.orgId, province), inArray(departments.name, ['组织部', '宣传部', '基层组织建设部']))).orderBy(departments.name);
  const counties = { 组织部: '441403', 宣传部: '440106', 基层组织建设部: '440203' } as Record<string, string>;
  const cityLevel = (await orgsWhere(db, sql`${orgs.code} = '4414'`, 1))[0];
  const ids: Array<number | null> = [];
  for (const [d, dept] of rows.entries()) {
    const cadres = [];
    for (const n of [1, 2]) cadres.push(await createCadre(db, ctx, SYSTEM_ACTOR, province, { name: `${dept.name.slice(0, 2)}干部${n}`, position: '专职干部', departmentId: dept.id }));
    for (const c of cadres) await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'stationing_cadre', holder: { type: 'cadre', id: c }, ...(d === 2 && c === cadres[1] ? { activeFrom: addMonths(program.p.startsOn, 2) } : {}) });
    const place = (await orgsWhere(db, sql`${orgs.code} = ${counties[dept.name] ?? '441403'}`, 1))[0];
    for (const [i, month] of monthsOf(program.p.startsOn, program.p.endsOn).entries()) {
      // days in the field per month: 3 (met), 2 (partly), 0 (missed), or a stay at the city committee that does not count
      const plan = [3, 3, 2, 3, 0, 3, 3, 3][(i + d) % 8]!;
      for (let k = 0; k < plan; k++) {
        ids.push(await record(db, programId, { kind: 'stationing_day', orgId: province, occurredOn: addDays(month, 5 + k * 6), days: 1, peopleReached: 8, placeOrgId: place?.id,
          departmentId: dept.id, cadreIds: [cadres[k % 2]!], fields: { place: place?.name ?? '', content: '走访团支部、召开小型座谈会', meeting_size: 8 } }));
      }
      if (plan === 2 && cityLevel) await record(db, programId, { kind: 'stationing_day', orgId: province, occurredOn: addDays(month, 20), days: 1, placeOrgId: cityLevel.id, departmentId: dept.id, cadreIds: [cadres[0]!], fields: { place: cityLevel.name, content: '在市团委听取汇报（不计入县级以下驻点）' } });
    }
    ids.push(await record(db, programId, { kind: 'lecture', orgId: province, occurredOn: addDays(program.p.startsOn, 60 + d * 30), peopleReached: 60, cadreIds: [cadres[0]!], departmentId: dept.id, fields: { topic: '青年大学习专题团课', held_on: addDays(program.p.startsOn, 60 + d * 30), place: place?.name ?? '', audience: 60 } }));
    // S3.7 spot checks with the members' rating, and typical experiences (S3.9): a different number per department, so the assessment ranks them.
    for (let k = 0; k < 2 + d; k++) {
      ids.push(await record(db, programId, { kind: 'spot_check', orgId: province, occurredOn: addDays(program.p.startsOn, 20 + k * 25), placeOrgId: place?.id, departmentId: dept.id,
        fields: { branch: `${place?.name ?? ''}第${k + 1}团支部`, has_cadre: k % 3 !== 2, has_wechat_group: true, wechat_member_share: 70 + k * 5, secretary_uses_zhtj: k % 2 === 0,
          activity_name: '主题团日', member_evaluation: '活动贴近青年', member_rating: [5, 4, 3][(k + d) % 3] ?? 3 } }));
    }
    for (let k = 0; k < d + 1; k++) {
      ids.push(await record(db, programId, { kind: 'typical_case', orgId: province, occurredOn: addDays(program.p.startsOn, 40 + k * 30), placeOrgId: place?.id, departmentId: dept.id,
        fields: { org: `${place?.name ?? ''}某企业团支部`, area: k % 2 ? '非公企业' : '团支部书记履责', experience: '书记轮值、车间建团' } }));
    }
  }
  // one of every six stays is still awaiting verification, so "verified only" visibly matters
  await markVerified(db, ids.filter((_, i) => i % 6 !== 5));
}

/** S1 怀化: two helper units and a 团市委 department paired with township committees; monthly meetings, funds, a deliverable. */
export async function huaihuaDemo(database: Database, programId: number) {
  const db = database.db;
  const program = await loadProgram(db, SYSTEM_ACTOR, programId);
  const city = program.p.issuerOrgId;
  const units = [];
  for (const [code, name, sector] of [['HH-HELP-01', '共青团国网怀化供电公司委员会', 'state_enterprise'], ['HH-HELP-02', '共青团怀化学院委员会', 'school']] as const) {
    units.push(await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: city, code, name, kind: 'committee', sector, foundedOn: '2005-05-04' }));
  }
  const dept = await createDepartment(db, ctx, SYSTEM_ACTOR, city, '学校部');
  const townships = await orgsWhere(db, sql`${orgs.code} LIKE '4312%' AND ${orgs.level} = 'township' AND ${orgs.kind} = 'committee'`, 3);
  const helpers = [{ type: 'org' as const, id: units[0]! }, { type: 'org' as const, id: units[1]! }, { type: 'department' as const, id: dept }];
  for (const [i, h] of helpers.entries()) {
    const t = townships[i];
    if (!t) break;
    await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: h.type === 'org' ? 'helper_unit' : 'helper_department', holder: h });
    await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'helped_township', holder: { type: 'org', id: t.id } });
    await createPairing(db, ctx, SYSTEM_ACTOR, programId, { modeKey: 'assistance', members: { helpers: [h], helped: [t.id] } });
    const meetings = [[1, 1, 1, 1, 1, 1], [1, 0, 1, 1, 0, 1], [1, 1, 0, 0, 1, 1]][i]!;
    for (const [m, month] of monthsOf(program.p.startsOn, program.p.endsOn).entries()) {
      if (!meetings[m % 6]) continue;
      await record(db, programId, { kind: 'work_meeting', orgId: h.type === 'org' ? h.id : city, departmentId: h.type === 'department' ? h.id : undefined, occurredOn: addDays(month, 7), partnerOrgIds: [t.id], fields: { attendees: '团县委书记、乡镇党委副书记', topics: '共建工作安排' } });
    }
    await record(db, programId, { kind: 'fund_transfer', orgId: h.type === 'org' ? h.id : city, departmentId: h.type === 'department' ? h.id : undefined, occurredOn: addDays(program.p.startsOn, 40), amount: [5000, 3000, 0][i]! || 1000, partnerOrgIds: [t.id], fields: { purpose: '乡镇团委阵地建设' } });
  }
  await record(db, programId, { kind: 'deliverable', orgId: units[0]!, occurredOn: today(), deliverableKey: 's1.8-survey', fields: { title: '共建乡镇青年状况调查' } });
}

/** S4 泉州: county committees report weekly, and a county cadre is linked to each of three townships. */
export async function quanzhouDemo(database: Database, programId: number) {
  const db = database.db;
  const program = await loadProgram(db, SYSTEM_ACTOR, programId);
  const counties = await orgsWhere(db, sql`${orgs.code} LIKE '3505%' AND ${orgs.level} = 'county'`, 4);
  for (const c of counties) await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'county_committee', holder: { type: 'org', id: c.id } });
  const county = counties[0];
  if (!county) return;
  const townships = await db.select().from(orgs).where(eq(orgs.parentId, county.id)).orderBy(orgs.code).limit(3);
  for (const [i, t] of townships.filter((x) => x.kind === 'committee').entries()) {
    const cadre = await createCadre(db, ctx, SYSTEM_ACTOR, county.id, { name: ['林晓峰', '陈思远', '黄雅婷'][i] ?? `干部${i}`, position: '团县委干部' });
    await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'township_committee', holder: { type: 'org', id: t.id } });
    await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'link_cadre', holder: { type: 'cadre', id: cadre } });
    await createPairing(db, ctx, SYSTEM_ACTOR, programId, { modeKey: 'link', members: { cadre: [{ type: 'cadre', id: cadre }], linked_township: [t.id] } });
  }
  // weekly reports: most weeks, with a gap every fifth week, so the matrix has red weeks among green
  for (const [k, c] of counties.entries()) {
    for (let d = addDays(program.p.startsOn, 3 + k); d <= program.p.endsOn; d = addDays(d, 7)) {
      const week = Math.floor((Date.parse(d) - Date.parse(program.p.startsOn)) / 604_800_000);
      if ((week + k) % 5 === 0) continue;
      await record(db, programId, { kind: 'progress_report', orgId: c.id, occurredOn: d, fields: { built: 3 + ((week + k) % 4) } });
    }
  }
}
