/**
 * 对标定级: a branch (or a committee above it on its behalf) scores itself item by item against a
 * standard with points, the level above reviews — confirming or correcting the scores, or returning
 * them with a reason — and the stars follow from the reviewed totals under the bands' quotas across
 * the whole program. After the standard's lock day nothing can be scored or reviewed.
 */
import type { RatingReview, SelfScore } from '@tuanjian/contracts';
import { assignStars, toCivilDate, type TemplateStandard } from '@tuanjian/domain';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from '../programs/programs.service';
import { records } from '../programs/programs.table';
import { starRatings, type StarRatingRow } from './ratings.table';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
type Rated = TemplateStandard & { rating: NonNullable<TemplateStandard['rating']> };

function ratedStandard(program: Loaded, standardId: string): Rated {
  const s = (program.template.standards ?? []).find((x) => x.id === standardId);
  if (!s?.rating) throw new NotFoundError('该专项工作没有这项定级标准');
  return s as Rated;
}

const lockDay = (program: Loaded, s: Rated) => (s.rating.lockOn ? `${program.p.startsOn.slice(0, 4)}-${s.rating.lockOn}` : null);

function assertOpen(program: Loaded, s: Rated, now: Date) {
  const lock = lockDay(program, s);
  if (lock && toCivilDate(now) > lock) throw new BadRequestError(`已过定级锁定日期（${lock}），不能再评分或审核`);
}

const total = (scores: Record<string, number>) => Math.round(Object.values(scores).reduce((a, b) => a + b, 0) * 100) / 100;
const failsMandatory = (s: Rated, scores: Record<string, number> | null) => s.items.some((i) => i.mandatory && (scores?.[i.id] ?? 0) < (i.points ?? 0));

/** Every item scored, none above its points, nothing else. */
function checkScores(s: Rated, scores: Record<string, number>, at: string): Record<string, number> {
  const fields: Array<{ path: string; message: string }> = [];
  for (const key of Object.keys(scores)) if (!s.items.some((i) => i.id === key)) fields.push({ path: `${at}.${key}`, message: '标准中没有这一项' });
  for (const item of s.items) {
    const v = scores[item.id];
    if (v === undefined) fields.push({ path: `${at}.${item.id}`, message: `请为“${item.text.split('：')[0]}”评分` });
    else if (v > (item.points ?? 0)) fields.push({ path: `${at}.${item.id}`, message: `不能超过本项分值 ${item.points}` });
  }
  if (fields.length) throw new BadRequestError('评分有误，请按标准逐项评分', fields);
  return Object.fromEntries(s.items.map((i) => [i.id, scores[i.id]!]));
}

/** The branch itself, or anyone above it whose scope covers it, may score; the level above reviews. */
async function orgFor(db: Db, actor: Actor, program: Loaded, orgId: number) {
  const org = await findOrgInScope(db, actor, orgId);
  if (!org || !org.path.startsWith(program.scopePath)) throw new NotFoundError('组织不存在或不在本专项工作和您的管理范围内');
  return org;
}

export async function ratingBoard(db: Db, actor: Actor, programId: number, standardId: string, now: Date) {
  authorize(actor, 'org.read');
  const program = await loadProgram(db, actor, programId);
  const s = ratedStandard(program, standardId);
  const all = await db.select({ r: starRatings, orgName: orgs.name, path: orgs.path }).from(starRatings).innerJoin(orgs, eq(orgs.id, starRatings.orgId))
    .where(and(eq(starRatings.programId, programId), eq(starRatings.standardKey, standardId))).orderBy(orgs.code);
  // Quotas hold over every reviewed branch of the program, not only those the reader sees.
  const reviewed = all.filter((x) => x.r.status === 'reviewed');
  const stars = new Map(assignStars(reviewed.map((x) => ({ key: String(x.r.orgId), score: x.r.reviewedTotal ?? 0, failsMandatory: failsMandatory(s, x.r.reviewedScores) })), s.rating.bands, s.rating.mandatoryCap ?? 3)
    .map((r) => [Number(r.key), r]));
  const lock = lockDay(program, s);
  const locked = lock !== null && toCivilDate(now) > lock;
  const n = reviewed.length;
  return {
    standard: { id: s.id, name: s.name, items: s.items.map((i) => ({ id: i.id, text: i.text, points: i.points ?? 0, mandatory: Boolean(i.mandatory) })), lockOn: lock, locked },
    quotas: [...s.rating.bands].sort((a, b) => b.stars - a.stars).map((b) => ({
      stars: b.stars, minScore: b.minScore, max: b.maxShare === undefined ? null : Math.floor(n * b.maxShare + 1e-9), used: [...stars.values()].filter((x) => x.stars === b.stars).length,
    })),
    rows: all.filter((x) => inScope(actor, x.path)).map(({ r, orgName, path }) => {
      const st = stars.get(r.orgId);
      return {
        orgId: r.orgId, orgName, status: r.status, selfScores: r.selfScores, selfTotal: r.selfTotal, reviewedScores: r.reviewedScores, reviewedTotal: r.reviewedTotal,
        evidenceRecordIds: r.evidenceRecordIds, failsMandatory: failsMandatory(s, r.status === 'reviewed' ? r.reviewedScores : r.selfScores),
        stars: st?.stars ?? null, earned: st?.earned ?? null, starsReason: st?.reason ?? null, returnReason: r.returnReason, version: r.version,
        canSelfScore: !locked && can(actor, 'record.create'),
        canReview: !locked && can(actor, 'form.approve') && actor.orgPath !== path && inScope(actor, path),
      };
    }),
  };
}

export async function selfScore(db: Db, ctx: AuditContext, actor: Actor, programId: number, standardId: string, orgId: number, input: z.infer<typeof SelfScore>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const s = ratedStandard(program, standardId);
    const org = await orgFor(tx, actor, program, orgId);
    authorize(actor, 'record.create', org.path);
    assertOpen(program, s, ctx.now());
    const scores = checkScores(s, input.scores, 'body.scores');
    const evidenceIds = [...new Set(input.evidenceRecordIds ?? [])];
    if (evidenceIds.length) {
      const found = await tx.select({ id: records.id }).from(records).where(and(eq(records.programId, programId), eq(records.orgId, orgId)));
      const mine = new Set(found.map((f) => f.id));
      const bad = evidenceIds.filter((id) => !mine.has(id));
      if (bad.length) throw new BadRequestError('佐证记录须是本组织在本专项工作中的记录', [{ path: 'body.evidenceRecordIds', message: `记录 ${bad.join('、')} 不属于该组织` }]);
    }
    const before = (await tx.select().from(starRatings).where(and(eq(starRatings.programId, programId), eq(starRatings.standardKey, standardId), eq(starRatings.orgId, orgId))).for('update'))[0];
    if ((before?.version ?? 0) !== input.version) throw new ConflictError();
    const values = {
      status: 'self_scored' as const, selfScores: scores, selfTotal: total(scores), selfBy: actor.userId, selfAt: ctx.now(), evidenceRecordIds: evidenceIds,
      reviewedScores: null, reviewedTotal: null, reviewBy: null, reviewAt: null, returnReason: null,
    };
    let after: StarRatingRow;
    if (before) after = (await tx.update(starRatings).set({ ...values, version: before.version + 1 }).where(eq(starRatings.id, before.id)).returning())[0]!;
    else after = (await tx.insert(starRatings).values({ programId, standardKey: standardId, orgId, ...values, version: 1 }).returning())[0]!;
    await audit(tx, ctx, { action: 'rating.self_score', objectType: 'star_rating', objectId: after.id, before: before ?? null, after });
  });
}

export async function reviewRating(db: Db, ctx: AuditContext, actor: Actor, programId: number, standardId: string, orgId: number, input: z.infer<typeof RatingReview>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const s = ratedStandard(program, standardId);
    const org = await orgFor(tx, actor, program, orgId);
    authorize(actor, 'form.approve', org.path);
    if (actor.orgPath === org.path) throw new ForbiddenError('本级的定级由上级审核');
    assertOpen(program, s, ctx.now());
    const before = (await tx.select().from(starRatings).where(and(eq(starRatings.programId, programId), eq(starRatings.standardKey, standardId), eq(starRatings.orgId, orgId))).for('update'))[0];
    if (!before) throw new NotFoundError('该组织尚未自评');
    if (before.version !== input.version) throw new ConflictError();
    if (before.status !== 'self_scored') throw new BadRequestError(before.status === 'reviewed' ? '已审核，组织重新自评后才能再审' : '已退回，等待组织重新自评');
    let set;
    if (input.decision === 'return') {
      if (!input.reason) throw new BadRequestError('请填写退回理由', [{ path: 'body.reason', message: '请填写退回理由' }]);
      set = { status: 'returned' as const, returnReason: input.reason };
    } else {
      const scores = input.scores ? checkScores(s, input.scores, 'body.scores') : before.selfScores;
      set = { status: 'reviewed' as const, reviewedScores: scores, reviewedTotal: total(scores), returnReason: null };
    }
    const after = (await tx.update(starRatings).set({ ...set, reviewBy: actor.userId, reviewAt: ctx.now(), version: before.version + 1 }).where(eq(starRatings.id, before.id)).returning())[0]!;
    await audit(tx, ctx, { action: `rating.${input.decision}`, objectType: 'star_rating', objectId: after.id, before, after });
  });
}
