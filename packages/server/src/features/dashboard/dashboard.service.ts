/**
 * A program's dashboard for one scope (a city sees its counties, a county its townships): key figures,
 * a month-by-month compliance heatmap of the orgs just below, the records trend, the lagging orgs and
 * recent verified records with photos. Every figure comes from the same evaluation as the compliance
 * matrix, and the red ones open the obligation periods that were missed — the records that are missing.
 */
import { pathIds, templateObligations, toCivilDate, type PeriodCompliance } from '@tuanjian/domain';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DashboardView, MissedList } from '@tuanjian/contracts';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { inSubtreeSql } from '../../db/subtree';
import { NotFoundError } from '../../http/errors';
import { evidence } from '../evidence/evidence.table';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { deliverableRows, obligationRows } from '../programs/compliance.service';
import { resolveHolders } from '../programs/holders';
import { loadProgram } from '../programs/programs.service';
import { records } from '../programs/programs.table';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
interface Judged { obligationId: string; obligationName: string; ref: string; subjectKey: string; subjectName: string; groupId: number; cell: PeriodCompliance & { closes: string } }

const share = (met: number, partly: number, missed: number) => (met + partly + missed ? Math.round((met / (met + partly + missed)) * 1000) / 1000 : null);

async function scopeOf(db: Db, actor: Actor, program: Loaded, underId: number | undefined) {
  const id = underId ?? (actor.orgPath.startsWith(program.scopePath) ? actor.orgId : program.p.scopeOrgId);
  const under = await findOrgInScope(db, actor, id);
  if (!under || !under.path.startsWith(program.scopePath)) throw new NotFoundError('组织不存在或不在本专项工作和您的管理范围内');
  return under;
}

/** Every closed obligation period of the subjects below `under`, with the org just below `under` it falls in. */
async function judgedCells(db: Db, actor: Actor, program: Loaded, underPath: string, underId: number, today: string): Promise<Judged[]> {
  const depth = pathIds(underPath).length;
  const out: Judged[] = [];
  for (const o of templateObligations(program.template)) {
    const { rows, paths } = await obligationRows(db, actor, program, o, today);
    for (const row of rows) {
      const path = paths.get(row.subjectKey);
      if (!path?.startsWith(underPath)) continue;
      const groupId = Number(pathIds(path)[depth] ?? underId);
      for (const cell of row.cells) {
        if ((cell.state === 'met' || cell.state === 'partly' || cell.state === 'missed') && cell.closes) {
          out.push({ obligationId: o.id, obligationName: o.name, ref: o.ref, subjectKey: row.subjectKey, subjectName: row.subjectName, groupId, cell: { ...cell, closes: cell.closes } });
        }
      }
    }
  }
  return out;
}

const monthOf = (date: string) => date.slice(0, 7);

export async function dashboard(db: Db, actor: Actor, programId: number, underId: number | undefined, now: Date): Promise<z.infer<typeof DashboardView>> {
  authorize(actor, 'org.read');
  const program = await loadProgram(db, actor, programId);
  const under = await scopeOf(db, actor, program, underId);
  const today = toCivilDate(now);
  const judged = await judgedCells(db, actor, program, under.path, under.id, today);
  const months: string[] = [];
  for (let m = monthOf(program.p.startsOn); m <= monthOf(program.p.endsOn < today ? program.p.endsOn : today); m = nextMonth(m)) months.push(m);

  const children = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, [...new Set(judged.map((j) => j.groupId))].concat([-1]))).orderBy(asc(orgs.code));
  const tally = (list: Judged[]) => ({ met: list.filter((j) => j.cell.state === 'met').length, partly: list.filter((j) => j.cell.state === 'partly').length, missed: list.filter((j) => j.cell.state === 'missed').length });
  const heatmap = children.map((c) => {
    const mine = judged.filter((j) => j.groupId === c.id);
    const all = tally(mine);
    return {
      // the scope's own org (a county committee's own duties) is its own row
      orgId: c.id, name: c.id === under.id ? `${c.name}（本级）` : c.name, share: share(all.met, all.partly, all.missed),
      cells: months.map((month) => {
        const t = tally(mine.filter((j) => monthOf(j.cell.closes) === month));
        return { month, ...t, share: share(t.met, t.partly, t.missed) };
      }),
    };
  });

  const inUnder = inSubtreeSql(records.orgPath, under.path);
  const live = and(eq(records.programId, programId), inArray(records.status, ['submitted', 'verified']), inUnder);
  const trendRows = await db.select({ month: sql<string>`to_char(${records.occurredOn}, 'YYYY-MM')`, n: sql<number>`count(*)::int`, v: sql<number>`count(*) FILTER (WHERE ${records.status} = 'verified')::int` })
    .from(records).where(live).groupBy(sql`1`);
  const kindName = new Map(program.template.recordKinds.map((k) => [k.id, k.name]));
  const recentRows = await db.select({ r: records, orgName: orgs.name, photoId: sql<number | null>`(SELECT min(${evidence.id}) FROM ${evidence} WHERE ${evidence.recordId} = ${records.id} AND ${evidence.category} = 'image')` })
    .from(records).innerJoin(orgs, eq(orgs.id, records.orgId)).where(and(live, eq(records.status, 'verified'))).orderBy(desc(records.occurredOn), desc(records.id)).limit(6);

  let overdueDeliverables = 0;
  for (const d of program.template.deliverables ?? []) {
    const rows = await deliverableRows(db, actor, program, d, today);
    const holders = await resolveHolders(db, rows.map((r) => ({ type: r.subject.type, id: r.subject.id })));
    for (const row of rows) {
      if (holders.get(row.subjectKey)?.path.startsWith(under.path)) overdueDeliverables += row.cells.filter((c) => c.state === 'missed').length;
    }
  }
  const all = tally(judged);
  const trend = months.map((month) => ({ month, records: trendRows.find((t) => t.month === month)?.n ?? 0, verified: trendRows.find((t) => t.month === month)?.v ?? 0 }));
  return {
    under: { id: under.id, name: under.name },
    asOf: today,
    figures: {
      records: trendRows.reduce((s, t) => s + t.n, 0), verifiedRecords: trendRows.reduce((s, t) => s + t.v, 0),
      subjects: new Set(judged.map((j) => j.subjectKey)).size, closedCells: judged.length, metShare: share(all.met, all.partly, all.missed),
      missed: all.missed, partly: all.partly, overdueDeliverables,
    },
    months,
    heatmap,
    trend,
    lagging: heatmap.filter((h) => h.share !== null && h.share < 0.8).sort((a, b) => a.share! - b.share!).slice(0, 5)
      .map((h) => ({ orgId: h.orgId, name: h.name, share: h.share!, missed: h.cells.reduce((s, c) => s + c.missed, 0) })),
    recent: recentRows.map(({ r, orgName, photoId }) => ({
      id: r.id, kind: r.kind, kindName: kindName.get(r.kind) ?? r.kind, orgName, occurredOn: r.occurredOn,
      title: String((r.fields as Record<string, unknown>).title ?? (r.fields as Record<string, unknown>).topic ?? kindName.get(r.kind) ?? ''), photoId: photoId === null ? null : Number(photoId),
    })),
  };
}

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** The missed and partly met obligation periods below `under`, optionally of one org just below and one month. */
export async function missedList(db: Db, actor: Actor, programId: number, q: { under?: number; group?: number; month?: string }, now: Date): Promise<z.infer<typeof MissedList>> {
  authorize(actor, 'org.read');
  const program = await loadProgram(db, actor, programId);
  const under = await scopeOf(db, actor, program, q.under);
  const judged = (await judgedCells(db, actor, program, under.path, under.id, toCivilDate(now)))
    .filter((j) => j.cell.state !== 'met' && (q.group === undefined || j.groupId === q.group) && (q.month === undefined || monthOf(j.cell.closes) === q.month));
  const names = new Map((await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, [...new Set(judged.map((j) => j.groupId))].concat([-1])))).map((o) => [o.id, o.name]));
  return {
    items: judged
      .sort((a, b) => (a.cell.closes < b.cell.closes ? 1 : a.cell.closes > b.cell.closes ? -1 : a.subjectName.localeCompare(b.subjectName)))
      .map((j) => ({
        obligationId: j.obligationId, obligationName: j.obligationName, ref: j.ref, subjectKey: j.subjectKey, subjectName: j.subjectName, groupName: names.get(j.groupId) ?? '',
        periodKey: j.cell.periodKey, closes: j.cell.closes, state: j.cell.state as 'missed' | 'partly', done: j.cell.done, required: j.cell.required, recordIds: j.cell.recordIds.map(Number),
      })),
  };
}
