/**
 * Demo targets, tasks and bulletins: S4 泉州 splits its 5,000 new direct orgs across its towns and
 * townships (county seats weighted up as key areas), three weeks of founded orgs with a snapshot a
 * day, and the day's bulletin; S2 漯河 carries a few progress notes on its 15 tasks. Patterns are
 * fixed, and nothing is dated after today.
 */
import { addDays, toCivilDate } from '@tuanjian/domain';
import { and, eq, like, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { generateBulletin } from '../features/bulletins/bulletins.service';
import { createOrg } from '../features/orgs/orgs.service';
import { orgs } from '../features/orgs/orgs.table';
import { assignHolder } from '../features/programs/holders.service';
import { loadProgram } from '../features/programs/programs.service';
import { programRoles } from '../features/programs/programs.table';
import { snapshotProgram } from '../features/targets/progress.service';
import { splitTarget } from '../features/targets/split.service';
import { materializeTasks, updateTaskProgress } from '../features/tasks/tasks.service';
import { programTasks } from '../features/tasks/tasks.table';
import { SYSTEM_ACTOR, systemContext } from '../system-actor';

const ctx = systemContext('demo');
const COUNTY_SEATS = ['350524100', '350525100', '350526100']; // 凤城镇, 桃城镇, 浔中镇

export async function quanzhouTargetsDemo(database: Database, programId: number) {
  const db = database.db;
  const program = await loadProgram(db, SYSTEM_ACTOR, programId);
  const today = toCivilDate(new Date());
  if (today < program.p.startsOn || today > program.p.endsOn) return;
  const towns = await db.select({ id: orgs.id, code: orgs.code }).from(orgs)
    .where(and(like(orgs.code, '3505%'), eq(orgs.level, 'township'), eq(orgs.kind, 'committee'), sql`${orgs.name} ~ '(镇|乡)团委$'`)).orderBy(orgs.code);
  const named = new Set((await db.select({ orgId: programRoles.orgId }).from(programRoles).where(and(eq(programRoles.programId, programId), eq(programRoles.roleKey, 'township_committee')))).map((r) => r.orgId));
  for (const t of towns) if (!named.has(t.id)) await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'township_committee', holder: { type: 'org', id: t.id } });
  for (const t of towns.filter((x) => COUNTY_SEATS.includes(x.code))) await assignHolder(db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'key_township', holder: { type: 'org', id: t.id } });
  await splitTarget(db, ctx, SYSTEM_ACTOR, programId, { target: 's4.1-direct-orgs', method: 'key_area', basis: 'villages', keyMultiplier: 1.5 }, today);

  // Three weeks of founding: every third town, one to three orgs on some days, busier lately.
  const days = Array.from({ length: 21 }, (_, i) => addDays(today, i - 20));
  let n = 0;
  for (const [ti, t] of towns.entries()) {
    if (ti % 3 !== 0) continue;
    for (const [di, day] of days.entries()) {
      const count = (ti + di) % 4 === 0 ? 1 + (di > 13 ? 1 : 0) : 0;
      for (let k = 0; k < count; k++) {
        n++;
        await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: t.id, code: `${t.code}-ZS${String(n).padStart(3, '0')}`, name: `新建直属团支部${n}`, kind: 'direct_org', sector: 'non_public_enterprise', foundedOn: day });
      }
    }
  }
  const loaded = await loadProgram(db, SYSTEM_ACTOR, programId);
  for (const day of [addDays(days[0]!, -1), ...days]) if (day >= program.p.startsOn) await db.transaction((tx) => snapshotProgram(tx, loaded, day));
  await generateBulletin(db, ctx, SYSTEM_ACTOR, programId, { target: 's4.1-direct-orgs', kind: 'daily', date: addDays(today, -1) }, today);
  await generateBulletin(db, ctx, SYSTEM_ACTOR, programId, { target: 's4.1-direct-orgs', kind: 'weekly', date: addDays(today, -7) }, today);
}

/** S2 漯河: the template's tasks, some under way, one done, one blocked. */
export async function luoheTasksDemo(database: Database, programId: number) {
  const db = database.db;
  const program = await loadProgram(db, SYSTEM_ACTOR, programId);
  await materializeTasks(db, ctx, program);
  const notes: Record<number, { progress: number; status?: 'done' | 'blocked'; note: string }> = {
    1: { progress: 60, note: '已完成3所高校、5所中职中学换届，其余学校正在筹备' },
    3: { progress: 45, note: '产业集聚区团工委已组建，非公企业建团率达到31%' },
    7: { progress: 100, status: 'done', note: '青年之家云平台活跃度较上年提升23%' },
    12: { progress: 20, status: 'blocked', note: '挂职岗位需与上级团组织协调' },
  };
  const tasks = await db.select().from(programTasks).where(eq(programTasks.programId, programId));
  for (const t of tasks) {
    const n = notes[t.number];
    if (n) await updateTaskProgress(db, ctx, SYSTEM_ACTOR, t.id, { version: t.version, progress: n.progress, status: n.status, note: n.note });
  }
}
