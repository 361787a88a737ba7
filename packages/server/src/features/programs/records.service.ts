import type { z } from 'zod';
import type { RecordCreate } from '@tuanjian/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from './programs.service';
import { records } from './programs.table';

type Input = z.infer<typeof RecordCreate>;

/** A record of what an org did, checked against its kind's definition in the program's template. */
export async function createRecord(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: Input) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const org = await findOrgInScope(tx, actor, input.orgId);
    if (!org) throw new NotFoundError('填报组织不存在或不在您的管理范围内');
    authorize(actor, 'record.create', org.path);
    if (!org.path.startsWith(program.scopePath)) throw new BadRequestError('该组织不在本专项工作的实施范围内', [{ path: 'body.orgId', message: '不在实施范围内' }]);
    const kind = program.template.recordKinds.find((k) => k.id === input.kind);
    if (!kind) throw new BadRequestError(`本专项工作没有“${input.kind}”这类记录`, [{ path: 'body.kind', message: '记录类型不存在' }]);
    if (input.occurredOn < program.p.startsOn || input.occurredOn > program.p.endsOn) {
      throw new BadRequestError(`日期须在专项工作期间（${program.p.startsOn} 至 ${program.p.endsOn}）`, [{ path: 'body.occurredOn', message: '不在工作期间' }]);
    }
    const allowed = new Set(kind.quantities ?? []);
    for (const q of ['days', 'peopleReached', 'amount'] as const) {
      if (input[q] !== undefined && !allowed.has(q)) throw new BadRequestError(`“${kind.name}”不填写该数量`, [{ path: `body.${q}`, message: '此类记录不适用' }]);
    }
    const fields = input.fields ?? {};
    const problems = kind.fields.filter((f) => f.required && (fields[f.id] === undefined || fields[f.id] === null || fields[f.id] === ''))
      .map((f) => ({ path: `body.fields.${f.id}`, message: `请填写${f.label}` }));
    if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('；'), problems);
    if ((input.partnerOrgIds?.length ?? 0) > 0 && !kind.withPartner) throw new BadRequestError(`“${kind.name}”不涉及结对方`, [{ path: 'body.partnerOrgIds', message: '此类记录不适用' }]);
    if (input.placeOrgId !== undefined && !(await findOrgInScope(tx, actor, input.placeOrgId))) throw new NotFoundError('活动地点组织不存在或不在您的管理范围内');
    const [row] = await tx.insert(records).values({
      programId, kind: kind.id, orgId: org.id, placeOrgId: input.placeOrgId ?? null, occurredOn: input.occurredOn,
      days: input.days ?? null, peopleReached: input.peopleReached ?? null, amount: input.amount ?? null,
      partnerOrgIds: input.partnerOrgIds ?? [], fields, createdBy: actor.userId, createdAt: ctx.now(),
    }).returning();
    await audit(tx, ctx, { action: 'record.create', objectType: 'record', objectId: row!.id, after: row });
    return row!.id;
  });
}

export async function listRecords(db: Db, actor: Actor, programId: number) {
  const program = await loadProgram(db, actor, programId);
  const rows = await db.select({ r: records, orgName: orgs.name, orgPath: orgs.path }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId))
    .where(eq(records.programId, programId)).orderBy(asc(records.occurredOn), asc(records.id));
  const names = new Map(program.template.recordKinds.map((k) => [k.id, k.name]));
  return {
    items: rows.filter((x) => x.orgPath.startsWith(actor.orgPath) || program.issuerPath.startsWith(actor.orgPath)).map(({ r, orgName }) => ({
      id: r.id, kind: r.kind, kindName: names.get(r.kind) ?? r.kind, orgId: r.orgId, orgName, occurredOn: r.occurredOn,
      days: r.days, peopleReached: r.peopleReached, amount: r.amount, partnerOrgIds: r.partnerOrgIds, status: r.status,
    })),
  };
}

export async function recordsOf(db: Db, programId: number, kinds: string[], orgIds: number[]) {
  if (orgIds.length === 0 || kinds.length === 0) return [];
  return db.select({ r: records, placeLevel: orgs.level }).from(records).leftJoin(orgs, eq(orgs.id, records.placeOrgId))
    .where(and(eq(records.programId, programId), inArray(records.kind, kinds), inArray(records.orgId, orgIds)));
}
