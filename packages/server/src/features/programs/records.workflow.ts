/**
 * A record's life after it is written (S3.8, S4.8): the author submits a draft, the level above
 * verifies it or returns it with a reason, and a change after verification becomes a new version
 * that supersedes the verified one and waits for verification again. Every step is audited.
 */
import type { z } from 'zod';
import type { RecordReview, RecordUpdate } from '@tuanjian/contracts';
import { eq, sql } from 'drizzle-orm';
import { evidence } from '../evidence/evidence.table';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from './programs.service';
import { records, type RecordRow } from './programs.table';
import { recordValues } from './records.service';

/** The record with its org's path, if the actor may see it (its org in scope, or the program issued from the actor's subtree). */
export async function loadRecord(tx: Db, actor: Actor, id: number) {
  const row = (await tx.select({ r: records, path: orgs.path }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId)).where(eq(records.id, id)).for('update'))[0];
  if (!row) throw new NotFoundError('记录不存在或不在您的管理范围内');
  const program = await loadProgram(tx, actor, row.r.programId);
  if (!row.path.startsWith(actor.orgPath) && !program.issuerPath.startsWith(actor.orgPath)) throw new NotFoundError('记录不存在或不在您的管理范围内');
  return { record: row.r, orgPath: row.path, program };
}

function checkVersion(record: RecordRow, version: number) {
  if (record.version !== version) throw new ConflictError();
}

export async function submitRecord(db: Db, ctx: AuditContext, actor: Actor, id: number, version: number) {
  return db.transaction(async (tx) => {
    const { record, orgPath, program } = await loadRecord(tx, actor, id);
    authorize(actor, 'record.create', orgPath);
    checkVersion(record, version);
    if (record.status !== 'draft' && record.status !== 'returned') throw new BadRequestError('只有草稿或被退回的记录可以提交');
    // The required fields are checked now: a draft may have been saved half-filled.
    await recordValues(tx, actor, program, { ...inputOf(record), status: 'submitted' });
    const [after] = await tx.update(records).set({ status: 'submitted', version: record.version + 1 }).where(eq(records.id, id)).returning();
    await audit(tx, ctx, { action: 'record.submit', objectType: 'record', objectId: id, before: record, after });
    return after!.programId;
  });
}

/** Verification is the level above's: someone whose own org is the record's org cannot verify it. */
export async function reviewRecord(db: Db, ctx: AuditContext, actor: Actor, id: number, input: z.infer<typeof RecordReview>) {
  return db.transaction(async (tx) => {
    const { record, orgPath, program } = await loadRecord(tx, actor, id);
    authorize(actor, 'record.verify', orgPath);
    if (actor.orgPath === orgPath) throw new ForbiddenError('记录由上级组织核实，不能核实本组织的记录');
    checkVersion(record, input.version);
    if (record.status !== 'submitted') throw new BadRequestError('只有已提交的记录可以核实或退回');
    if (input.decision === 'return' && !input.reason) throw new BadRequestError('退回须说明理由', [{ path: 'body.reason', message: '请填写退回理由' }]);
    const kind = program.template.recordKinds.find((k) => k.id === record.kind);
    if (input.decision === 'verify' && kind?.evidence === 'required') {
      const files = await tx.select({ n: sql<number>`count(*)::int` }).from(evidence).where(eq(evidence.recordId, id));
      if (!files[0]?.n) throw new BadRequestError(`“${kind.name}”须有佐证材料才能核实，请退回补充`, [{ path: 'body.decision', message: '缺少佐证材料' }]);
    }
    const [after] = await tx.update(records).set({
      status: input.decision === 'verify' ? 'verified' : 'returned', reviewedBy: actor.userId, reviewedAt: ctx.now(),
      reviewReason: input.reason ?? null, version: record.version + 1,
    }).where(eq(records.id, id)).returning();
    await audit(tx, ctx, { action: `record.${input.decision}`, objectType: 'record', objectId: id, before: record, after });
    return after!.programId;
  });
}

function inputOf(r: RecordRow) {
  return {
    kind: r.kind, orgId: r.orgId, occurredOn: r.occurredOn, placeOrgId: r.placeOrgId ?? undefined, days: r.days ?? undefined,
    peopleReached: r.peopleReached ?? undefined, amount: r.amount ?? undefined, partnerOrgIds: r.partnerOrgIds, departmentId: r.departmentId ?? undefined,
    cadreIds: r.cadreIds, deliverableKey: r.deliverableKey ?? undefined, fields: r.fields as Record<string, string | number | boolean | null>,
  };
}

/**
 * Edits in place until verification; afterwards the verified row stays as it was (superseded) and
 * the change is a new row pointing at it, so what was verified can always be shown.
 */
export async function updateRecord(db: Db, ctx: AuditContext, actor: Actor, id: number, input: z.infer<typeof RecordUpdate>) {
  return db.transaction(async (tx) => {
    const { record, orgPath, program } = await loadRecord(tx, actor, id);
    authorize(actor, 'record.create', orgPath);
    checkVersion(record, input.version);
    if (record.status === 'superseded') throw new BadRequestError('该记录已有新版本，请修改最新版本');
    if (input.peopleReached !== undefined && record.checkinTokenHash) throw new BadRequestError('参加人数由扫码签到统计，不能手工修改', [{ path: 'body.peopleReached', message: '由签到统计' }]);
    const { version: _version, ...changes } = input;
    const status = record.status === 'draft' ? 'draft' : 'submitted';
    const values = await recordValues(tx, actor, program, { ...inputOf(record), ...changes, status });
    if (record.status !== 'verified') {
      const [after] = await tx.update(records).set({ ...values, status: record.status === 'returned' ? 'returned' : values.status, version: record.version + 1 }).where(eq(records.id, id)).returning();
      await audit(tx, ctx, { action: 'record.update', objectType: 'record', objectId: id, before: record, after });
      return { programId: record.programId, id };
    }
    const [old] = await tx.update(records).set({ status: 'superseded', version: record.version + 1 }).where(eq(records.id, id)).returning();
    const [next] = await tx.insert(records).values({ ...values, status: 'submitted', supersedesId: id, createdBy: actor.userId, createdAt: ctx.now() }).returning();
    await audit(tx, ctx, { action: 'record.supersede', objectType: 'record', objectId: id, before: record, after: old });
    await audit(tx, ctx, { action: 'record.create', objectType: 'record', objectId: next!.id, after: next });
    return { programId: record.programId, id: next!.id };
  });
}
