/**
 * Annual assessment (X.4, S1.11, S2.7, S3.9): scores computed on every read from what the program
 * already knows, so a new verified record moves a score at once; the issuing committee's adjustments
 * are the only stored numbers, each with its reason, audited, and withdrawn rather than deleted.
 */
import type { AdjustmentCreate, AdjustmentWithdraw } from '@tuanjian/contracts';
import { scoreAssessment, toCivilDate, type TemplateAssessment } from '@tuanjian/domain';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../http/errors';
import { loadProgram } from '../programs/programs.service';
import { subjectsOf } from '../programs/subjects';
import { users } from '../users/users.table';
import { assessmentFacts } from './assessment.facts';
import { assessmentAdjustments } from './assessment.table';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;

function schemeOf(program: Loaded, assessmentId: string): TemplateAssessment {
  const scheme = (program.template.assessments ?? []).find((a) => a.id === assessmentId);
  if (!scheme) throw new NotFoundError('该专项工作没有这项考核');
  return scheme;
}

export function summary(a: TemplateAssessment) {
  return {
    id: a.id, name: a.name, refs: a.refs, fullMark: a.components.reduce((s, c) => s + c.weight, 0), maxAdjustment: a.maxAdjustment ?? null,
    components: a.components.map((c) => ({ id: c.id, label: c.label, weight: c.weight, kind: c.measure.kind })),
  };
}

export async function listAssessments(db: Db, actor: Actor, programId: number) {
  authorize(actor, 'org.read');
  const program = await loadProgram(db, actor, programId);
  return { items: (program.template.assessments ?? []).map(summary) };
}

const mayAdjust = (actor: Actor, program: Loaded) => can(actor, 'assessment.adjust') && inScope(actor, program.issuerPath);

async function activeAdjustments(db: Db, programId: number, assessmentId: string) {
  return db.select({ a: assessmentAdjustments, byName: users.displayName }).from(assessmentAdjustments)
    .leftJoin(users, eq(users.id, assessmentAdjustments.createdBy))
    .where(and(eq(assessmentAdjustments.programId, programId), eq(assessmentAdjustments.assessmentKey, assessmentId), isNull(assessmentAdjustments.withdrawnAt)))
    .orderBy(asc(assessmentAdjustments.id));
}

/** The scores of the subjects the reader may see, ranked, with every point explained and the records behind it. */
export async function assessmentScores(db: Db, actor: Actor, programId: number, assessmentId: string, now: Date) {
  authorize(actor, 'org.read');
  const program = await loadProgram(db, actor, programId);
  const scheme = schemeOf(program, assessmentId);
  const subjects = await subjectsOf(db, actor, program, scheme.who);
  const facts = await assessmentFacts(db, actor, program, scheme, subjects, now);
  const adjustments = await activeAdjustments(db, programId, assessmentId);
  const scored = scoreAssessment(scheme, subjects.map((s) => ({
    subjectKey: s.key, name: s.label, facts: facts.get(s.key) ?? {},
    adjustments: adjustments.filter((x) => x.a.subjectKey === s.key).map((x) => ({ points: x.a.points, reason: x.a.reason })),
  })));
  return {
    assessment: summary(scheme),
    asOf: toCivilDate(now),
    canAdjust: mayAdjust(actor, program),
    rows: scored.map((r) => ({
      subjectKey: r.subjectKey, name: r.name, rank: r.rank, base: r.base, adjustment: r.adjustment, total: r.total,
      components: r.components.map((c) => ({ ...c, recordIds: c.recordIds.map(Number) })),
      adjustments: adjustments.filter((x) => x.a.subjectKey === r.subjectKey)
        .map((x) => ({ id: x.a.id, points: x.a.points, reason: x.a.reason, byName: x.byName ?? '', at: x.a.createdAt.toISOString() })),
    })),
  };
}

async function adjustable(db: Db, actor: Actor, programId: number, assessmentId: string) {
  const program = await loadProgram(db, actor, programId);
  const scheme = schemeOf(program, assessmentId);
  if (!mayAdjust(actor, program)) throw new ForbiddenError('只有发文单位可以调整考核分值');
  return { program, scheme };
}

export async function addAdjustment(db: Db, ctx: AuditContext, actor: Actor, programId: number, assessmentId: string, input: z.infer<typeof AdjustmentCreate>) {
  return db.transaction(async (tx) => {
    const { program, scheme } = await adjustable(tx, actor, programId, assessmentId);
    const max = scheme.maxAdjustment ?? 0;
    if (max === 0) throw new BadRequestError('这项考核不允许调整分值', [{ path: 'body.points', message: '不允许调整' }]);
    const subjects = await subjectsOf(tx, actor, program, scheme.who);
    if (!subjects.some((s) => s.key === input.subjectKey)) throw new BadRequestError('考核对象不在这项考核中', [{ path: 'body.subjectKey', message: '不是这项考核的对象' }]);
    const current = (await activeAdjustments(tx, programId, assessmentId)).filter((x) => x.a.subjectKey === input.subjectKey).reduce((s, x) => s + x.a.points, 0);
    const next = Math.round((current + input.points) * 100) / 100;
    if (Math.abs(next) > max) {
      throw new BadRequestError(`调整后合计 ${next} 分，超出本考核允许的 ±${max} 分`, [{ path: 'body.points', message: `调整合计不能超过 ±${max} 分（已调整 ${current} 分）` }]);
    }
    const row = (await tx.insert(assessmentAdjustments).values({
      programId, assessmentKey: assessmentId, subjectKey: input.subjectKey, points: input.points, reason: input.reason, createdBy: actor.userId, createdAt: ctx.now(),
    }).returning())[0]!;
    await audit(tx, ctx, { action: 'assessment.adjust', objectType: 'assessment_adjustment', objectId: row.id, after: row });
    return row.id;
  });
}

export async function withdrawAdjustment(db: Db, ctx: AuditContext, actor: Actor, programId: number, assessmentId: string, adjustmentId: number, input: z.infer<typeof AdjustmentWithdraw>) {
  return db.transaction(async (tx) => {
    await adjustable(tx, actor, programId, assessmentId);
    const before = (await tx.select().from(assessmentAdjustments).where(and(eq(assessmentAdjustments.id, adjustmentId), eq(assessmentAdjustments.programId, programId), eq(assessmentAdjustments.assessmentKey, assessmentId))).for('update'))[0];
    if (!before) throw new NotFoundError('调整记录不存在');
    if (before.withdrawnAt) throw new BadRequestError('该调整已撤销');
    const after = (await tx.update(assessmentAdjustments).set({ withdrawnAt: ctx.now(), withdrawnBy: actor.userId, withdrawnReason: input.reason })
      .where(eq(assessmentAdjustments.id, adjustmentId)).returning())[0]!;
    await audit(tx, ctx, { action: 'assessment.adjust.withdraw', objectType: 'assessment_adjustment', objectId: adjustmentId, before, after });
  });
}
