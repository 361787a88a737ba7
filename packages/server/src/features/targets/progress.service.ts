/**
 * Progress counted from the registry (S4.1: direct orgs founded in the program's window under each
 * township), frozen once a day in target_snapshots, drawn as a burn-up against the target line and
 * projected to a completion date. A snapshot for a day is idempotent: taking it again replaces it.
 */
import type { z } from 'zod';
import type { Burnup, BurnupQuery } from '@tuanjian/contracts';
import { burnupSeries, projectCompletion, type Projection, type TemplateTarget } from '@tuanjian/domain';
import { sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { loadProgram } from '../programs/programs.service';
import { countFounded, sharesOfTarget, snapshotsOf } from './targets.queries';
import { targetSnapshots } from './targets.table';
import { countedKind, countWindow, deadlineOf, isSplittable, targetOf, type LoadedProgram } from './targets.template';

export interface OrgProgress {
  actual: number;
  projection: Projection;
}

/** Counts as of a day for the given orgs, or null when the registry cannot answer the target's metric. */
export async function countsAsOf(db: Db, program: LoadedProgram, target: TemplateTarget, orgIds: readonly number[], asOf: string): Promise<Map<number, number> | null> {
  const kind = countedKind(target);
  if (!kind) return null;
  const w = countWindow(program, asOf);
  return countFounded(db, { kind, start: w.start, asOf: w.asOf, scopePath: program.scopePath, subjectIds: orgIds });
}

/**
 * Today's count for each org and its projection from the daily snapshots up to yesterday plus
 * today's live count (what today's snapshot would say).
 */
export async function progressOf(db: Db, program: LoadedProgram, target: TemplateTarget, orgs: readonly { id: number; target: number | null }[], today: string): Promise<Map<number, OrgProgress> | null> {
  const ids = orgs.map((o) => o.id);
  const live = await countsAsOf(db, program, target, ids, today);
  if (!live) return null;
  const asOf = countWindow(program, today).asOf;
  const snaps = await snapshotsOf(db, program.p.id, target.id, ids, asOf);
  const deadline = deadlineOf(program, target);
  const out = new Map<number, OrgProgress>();
  for (const o of orgs) {
    const points = snaps.filter((s) => s.orgId === o.id && s.date !== asOf).map((s) => ({ date: s.date, actual: s.actual }));
    points.push({ date: asOf, actual: live.get(o.id) ?? 0 });
    out.set(o.id, { actual: live.get(o.id) ?? 0, projection: projectCompletion({ points, target: o.target ?? 0, deadline }) });
  }
  return out;
}

/** The orgs a target is tracked for, with their figure: the scope (the whole), each share, each org that split. */
async function trackedOrgs(db: Db, program: LoadedProgram, target: TemplateTarget) {
  const shares = await sharesOfTarget(db, program.p.id, target.id);
  const figure = new Map<number, number | null>([[program.p.scopeOrgId, target.target ?? null]]);
  for (const s of shares) figure.set(s.orgId, s.amount);
  for (const s of shares) if (!figure.has(s.parentOrgId)) figure.set(s.parentOrgId, null);
  return figure;
}

/** Writes one snapshot per tracked org for each counted target of the program; returns the rows written. */
export async function snapshotProgram(db: Db, program: LoadedProgram, date: string): Promise<number> {
  let written = 0;
  for (const target of program.template.targets ?? []) {
    if (!isSplittable(target) || !countedKind(target)) continue;
    const figure = await trackedOrgs(db, program, target);
    const counts = (await countsAsOf(db, program, target, [...figure.keys()], date))!;
    const values = [...figure].map(([orgId, t]) => ({ programId: program.p.id, targetKey: target.id, orgId, onDate: date, actual: counts.get(orgId) ?? 0, target: t }));
    if (values.length === 0) continue;
    await db.insert(targetSnapshots).values(values).onConflictDoUpdate({
      target: [targetSnapshots.programId, targetSnapshots.targetKey, targetSnapshots.orgId, targetSnapshots.onDate],
      set: { actual: sql`excluded.actual`, target: sql`excluded.target`, takenAt: sql`now()` },
    });
    written += values.length;
  }
  return written;
}

/** On demand, for a given day (today by default): only the issuing committee's managers take snapshots. */
export async function takeSnapshot(db: Db, ctx: AuditContext, actor: Actor, programId: number, date: string | undefined, today: string) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    authorize(actor, 'target.manage', program.issuerPath);
    const day = date ?? today;
    if (day > today) throw new BadRequestError('不能为未来的日期生成快照', [{ path: 'body.date', message: '晚于今天' }]);
    if (day < program.p.startsOn) throw new BadRequestError(`专项工作自 ${program.p.startsOn} 开始，此前没有进度`, [{ path: 'body.date', message: '早于开始日期' }]);
    const rows = await snapshotProgram(tx, program, day);
    await audit(tx, ctx, { action: 'target.snapshot', objectType: 'program', objectId: program.p.id, after: { date: day, rows } });
    return { date: day, rows };
  });
}

/** The org a reader looks at by default: the program's scope if they see it whole, else their own org. */
export async function viewedOrg(db: Db, actor: Actor, program: LoadedProgram, orgId: number | undefined) {
  const id = orgId ?? (inScope(actor, program.scopePath) ? program.p.scopeOrgId : actor.orgId);
  const org = await findOrgInScope(db, actor, id);
  if (!org) throw new NotFoundError('组织不存在或不在您的管理范围内');
  return org;
}

export async function burnup(db: Db, actor: Actor, programId: number, q: z.infer<typeof BurnupQuery>, today: string): Promise<z.infer<typeof Burnup>> {
  const program = await loadProgram(db, actor, programId);
  const org = await viewedOrg(db, actor, program, q.orgId);
  const target = targetOf(program, q.target);
  const figure = await trackedOrgs(db, program, target);
  const total = figure.get(org.id) ?? null;
  const deadline = deadlineOf(program, target);
  const progress = await progressOf(db, program, target, [{ id: org.id, target: total }], today);
  const asOf = countWindow(program, today).asOf;
  const snaps = await snapshotsOf(db, program.p.id, target.id, [org.id], asOf);
  const points = snaps.filter((s) => s.date !== asOf).map((s) => ({ date: s.date, actual: s.actual }));
  if (progress && asOf >= program.p.startsOn) points.push({ date: asOf, actual: progress.get(org.id)!.actual });
  const last = points.at(-1)?.date ?? program.p.startsOn;
  const end = [deadline > last ? deadline : last, program.p.endsOn].sort()[0]!;
  return {
    target: target.id, orgId: org.id, orgName: org.name, total, start: program.p.startsOn, deadline,
    rows: burnupSeries(points, { start: program.p.startsOn, end, deadline, target: total ?? 0 }),
    projection: progress && total !== null ? progress.get(org.id)!.projection : null,
  };
}

