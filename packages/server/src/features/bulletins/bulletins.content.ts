/**
 * What a bulletin says (S4.2 日通报/周报, S0.7 季度通报): the totals under the scope, its units ranked
 * by completion rate, the units behind the time schedule, a projection and highlights from verified
 * records. Every figure is read from the daily snapshots, so the same bulletin generated again later
 * says the same thing even if late entries have since changed the registry.
 */
import type { z } from 'zod';
import type { BulletinContent } from '@tuanjian/contracts';
import {
  addDays, BULLETIN_KIND_NAMES, chineseDate, expectedShare, percent, projectCompletion, rankUnits, totalsOf,
  type BulletinPeriod, type TemplateTarget, type UnitProgress,
} from '@tuanjian/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { BadRequestError } from '../../http/errors';
import { orgs, type OrgRow } from '../orgs/orgs.table';
import { records } from '../programs/programs.table';
import { snapshotProgram } from '../targets/progress.service';
import { sharesOfTarget, snapshotsOf } from '../targets/targets.queries';
import { deadlineOf, type LoadedProgram } from '../targets/targets.template';

type Content = z.infer<typeof BulletinContent>;

/**
 * The shares that reach into the scope from a split at or above it: for a city they are its
 * townships' shares, for a county the shares its townships got from the city. Splits made inside
 * the scope only subdivide these and would count twice.
 */
function topShares(shares: Awaited<ReturnType<typeof sharesOfTarget>>, scopePath: string) {
  return shares.filter((s) => s.path.length > scopePath.length && s.path.startsWith(scopePath) && scopePath.startsWith(s.parentPath));
}

/** The unit of the scope a share belongs to: the scope's direct subordinate on the share's path. */
function unitIdOf(sharePath: string, scopePath: string): number {
  return Number(sharePath.slice(scopePath.length).split('/')[0]);
}

/** Snapshots of these orgs on these days, taking any that are missing (on-demand snapshot). */
async function snapshotsOn(db: Db, program: LoadedProgram, target: TemplateTarget, orgIds: number[], days: string[]) {
  const have = await snapshotsOf(db, program.p.id, target.id, orgIds);
  for (const day of days) {
    const n = have.filter((h) => h.date === day).length;
    if (n < orgIds.length) await snapshotProgram(db, program, day);
  }
  return snapshotsOf(db, program.p.id, target.id, orgIds, days.at(-1));
}

function highlightText(program: LoadedProgram, kind: string, fields: Record<string, unknown>): string {
  const def = program.template.recordKinds.find((k) => k.id === kind);
  for (const f of def?.fields ?? []) {
    const v = fields[f.id];
    if ((f.type === 'text' || f.type === 'textarea') && typeof v === 'string' && v.trim()) return v.trim().slice(0, 120);
  }
  return def?.name ?? kind;
}

export async function bulletinContent(db: Db, program: LoadedProgram, target: TemplateTarget, scope: OrgRow, period: BulletinPeriod, asOf: string): Promise<Content> {
  const shares = topShares(await sharesOfTarget(db, program.p.id, target.id), scope.path);
  if (shares.length === 0) throw new BadRequestError(`${scope.name}范围内尚未分解“${target.name}”，无法排名通报`, [{ path: 'body.orgId', message: '尚未分解目标' }]);
  const before = addDays(period.start, -1);
  const days = before >= program.p.startsOn ? [before, asOf] : [asOf];
  const ids = shares.map((s) => s.orgId);
  const snaps = await snapshotsOn(db, program, target, ids, days);
  const on = (day: string) => new Map(snaps.filter((s) => s.date === day).map((s) => [s.orgId, s.actual]));
  const now = on(asOf);
  const then = days.length === 2 ? on(before) : new Map<number, number>();

  const unitIds = [...new Set(shares.map((s) => unitIdOf(s.path, scope.path)))];
  const unitRows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unitIds));
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const units = new Map<number, UnitProgress>();
  for (const s of shares) {
    const id = unitIdOf(s.path, scope.path);
    const u = units.get(id) ?? { id: String(id), name: unitName.get(id) ?? s.name, target: 0, actual: 0, added: 0 };
    u.target += s.amount;
    u.actual += now.get(s.orgId) ?? 0;
    u.added += (now.get(s.orgId) ?? 0) - (then.get(s.orgId) ?? 0);
    units.set(id, u);
  }
  const deadline = deadlineOf(program, target);
  const expected = expectedShare(program.p.startsOn, deadline, asOf);
  const ranked = rankUnits([...units.values()], expected);
  const totals = totalsOf([...units.values()]);

  // The scope's own series: days on which every share was snapshotted, summed.
  const byDay = new Map<string, { n: number; sum: number }>();
  for (const s of await snapshotsOf(db, program.p.id, target.id, ids, asOf)) {
    const d = byDay.get(s.date) ?? { n: 0, sum: 0 };
    d.n++;
    d.sum += s.actual;
    byDay.set(s.date, d);
  }
  const points = [...byDay].filter(([, d]) => d.n === ids.length).map(([date, d]) => ({ date, actual: d.sum }));
  const projection = projectCompletion({ points, target: totals.target, deadline });

  const verified = await db.select({ id: records.id, kind: records.kind, occurredOn: records.occurredOn, fields: records.fields, orgName: orgs.name })
    .from(records).innerJoin(orgs, eq(orgs.id, records.orgId))
    .where(and(eq(records.programId, program.p.id), eq(records.status, 'verified'), sql`${records.occurredOn} BETWEEN ${period.start} AND ${asOf}`,
      sql`${orgs.path} >= ${scope.path} AND ${orgs.path} < ${scope.path.slice(0, -1) + '0'}`))
    .orderBy(desc(records.occurredOn), desc(records.id)).limit(5);
  const highlights = verified.map((r) => ({
    recordId: r.id, kindName: program.template.recordKinds.find((k) => k.id === r.kind)?.name ?? r.kind, orgName: r.orgName, date: r.occurredOn,
    text: highlightText(program, r.kind, r.fields as Record<string, unknown>),
  }));

  const kindName = BULLETIN_KIND_NAMES[period.kind];
  const lagging = ranked.filter((r) => r.lagging).map((r) => r.name);
  return {
    masthead: `${program.p.name}${kindName}`,
    title: `关于${period.label}${target.name}工作进展情况的通报`,
    asOf, kindName, periodLabel: period.label, targetName: target.name, unit: target.unit, deadline,
    totals, expectedShare: expected, projection,
    ranking: ranked.map((r) => ({ rank: r.rank, orgId: Number(r.id), name: r.name, target: r.target, actual: r.actual, added: r.added, rate: r.rate, lagging: r.lagging })),
    lagging, highlights,
    paragraphs: paragraphsOf({ scope: regionWord(scope), target, asOf, period, totals, expected, ranked, lagging, projection, deadline }),
  };
}

/** How a bulletin names the area of its scope: 全市, 全县, or the committee's name below that. */
function regionWord(scope: OrgRow): string {
  return ({ province: '全省', city: '全市', county: '全县（市、区）' } as Record<string, string>)[scope.level] ?? scope.name;
}

function paragraphsOf(x: {
  scope: string; target: TemplateTarget; asOf: string; period: BulletinPeriod; deadline: string;
  totals: ReturnType<typeof totalsOf>; expected: number; ranked: ReturnType<typeof rankUnits>; lagging: string[];
  projection: ReturnType<typeof projectCompletion>;
}): string[] {
  const u = x.target.unit;
  const added = x.period.kind === 'daily' ? '当日' : '本期';
  const out = [
    `截至${chineseDate(x.asOf)}，${x.scope}${x.target.name}累计完成${x.totals.actual}${u}，占目标任务${x.totals.target}${u}的${percent(x.totals.rate)}，${added}新增${x.totals.added}${u}；按时序进度应完成${percent(x.expected)}。`,
  ];
  const top = x.ranked.filter((r) => r.rank !== null).slice(0, 3).map((r) => `${r.name}（${percent(r.rate)}）`);
  if (top.length) out.push(`按完成率排名，位居前列的是：${top.join('、')}。`);
  out.push(x.lagging.length
    ? `${x.lagging.join('、')}的完成率低于时序进度，请加大工作力度，确保${chineseDate(x.deadline)}前全面完成目标任务。`
    : '各单位完成率均达到时序进度，请继续保持。');
  const p = x.projection;
  if (p.status === 'met' && p.date) out.push(`目标任务已于${chineseDate(p.date)}全面完成。`);
  else if (p.date && p.status === 'on_track') out.push(`按近7天的进度测算，预计${chineseDate(p.date)}可全面完成目标任务。`);
  else if (p.date) out.push(`按近7天的进度测算，预计${chineseDate(p.date)}才能全面完成目标任务，晚于${chineseDate(x.deadline)}的完成时限，请加快进度。`);
  else out.push('近7天没有新增，按目前进度无法预计完成日期，请加快进度。');
  return out;
}
