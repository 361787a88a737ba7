import type { z } from 'zod';
import type { RecordCreate } from '@tuanjian/contracts';
import type { TemplateRecordKind } from '@tuanjian/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from './programs.service';
import { recordIdempotency, records } from './programs.table';
import { cadres, departments } from '../people/people.table';

type Input = z.infer<typeof RecordCreate>;

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
const IDEMPOTENCY_CONFLICT = '23505';

/**
 * Checks a record against its kind's definition in the program's template and returns the row to
 * store; creation and later edits go through the same rules.
 */
export async function recordValues(tx: Db, actor: Actor, program: Loaded, input: Input) {
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
  // A draft may be saved half-filled (a lost connection, S4 entry on a phone); submission needs every required field.
  // What is filled in must fit its field, drafts included.
  const problems = kind.fields.flatMap((f) => {
    const message = input.status !== 'draft' && f.required && (fields[f.id] === undefined || fields[f.id] === null || fields[f.id] === '') ? `请填写${f.label}` : fieldProblem(f, fields[f.id]);
    return message ? [{ path: `body.fields.${f.id}`, message }] : [];
  });
  if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('；'), problems);
  if ((input.partnerOrgIds?.length ?? 0) > 0 && !kind.withPartner) throw new BadRequestError(`“${kind.name}”不涉及结对方`, [{ path: 'body.partnerOrgIds', message: '此类记录不适用' }]);
  if (input.placeOrgId !== undefined && !(await findOrgInScope(tx, actor, input.placeOrgId))) throw new NotFoundError('活动地点组织不存在或不在您的管理范围内');
  const { departmentId, cadreIds } = await checkPeople(tx, kind, org.id, input);
  if (input.deliverableKey !== undefined) {
    const deliverable = program.template.deliverables?.find((d) => d.id === input.deliverableKey);
    if (!deliverable) throw new BadRequestError(`本专项工作没有任务成果 ${input.deliverableKey}`, [{ path: 'body.deliverableKey', message: '任务成果不存在' }]);
    if (deliverable.recordKind && deliverable.recordKind !== kind.id) throw new BadRequestError(`“${deliverable.name}”应以“${program.template.recordKinds.find((k) => k.id === deliverable.recordKind)?.name ?? deliverable.recordKind}”报送`, [{ path: 'body.kind', message: '记录类型与任务成果不符' }]);
  }
  return {
    programId: program.p.id, kind: kind.id, orgId: org.id, placeOrgId: input.placeOrgId ?? null, occurredOn: input.occurredOn,
    days: input.days ?? null, peopleReached: input.peopleReached ?? null, amount: input.amount ?? null,
    partnerOrgIds: input.partnerOrgIds ?? [], departmentId, cadreIds, deliverableKey: input.deliverableKey ?? null,
    fields, status: input.status ?? 'submitted',
  };
}

/** A value its field cannot hold: a number out of range (S3.8 meetings of at most 10), a choice not offered (S4.6 stages), a malformed date or flag. */
function fieldProblem(f: TemplateRecordKind['fields'][number], v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  switch (f.type) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${f.label}应为数字`;
      if (f.min !== undefined && v < f.min) return `${f.label}不能小于${f.min}`;
      if (f.max !== undefined && v > f.max) return `${f.label}不能大于${f.max}`;
      return null;
    case 'select': {
      // several choices arrive joined with 、 (the web form's multiple select)
      const chosen = typeof v === 'string' ? (f.multiple ? v.split('、') : [v]) : [];
      return chosen.length > 0 && chosen.every((c) => f.options?.includes(c)) ? null : `${f.label}应从“${(f.options ?? []).join('、')}”中选择`;
    }
    case 'boolean':
      return typeof v === 'boolean' ? null : `${f.label}应为“是”或“否”`;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : `${f.label}应为日期（YYYY-MM-DD）`;
    default:
      return null;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === IDEMPOTENCY_CONFLICT) return true;
  return false;
}

async function recordForKey(db: Db, userId: number, key: string): Promise<number | null> {
  const hit = await db.select({ recordId: recordIdempotency.recordId }).from(recordIdempotency)
    .where(and(eq(recordIdempotency.userId, userId), eq(recordIdempotency.key, key)));
  return hit[0]?.recordId ?? null;
}

/**
 * A record of what an org did. With an idempotency key (the phone's retry after a lost answer), the
 * same key from the same user returns the record created the first time instead of a second one,
 * also when the two requests race: the key's primary key lets only one transaction commit.
 */
export async function createRecord(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: Input, idempotencyKey?: string): Promise<number> {
  return (await saveRecord(db, ctx, actor, programId, input, idempotencyKey)).id;
}

/** As createRecord, also saying whether the answer replays an earlier request (nothing new was written). */
export async function saveRecord(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: Input, idempotencyKey?: string): Promise<{ id: number; replayed: boolean }> {
  if (idempotencyKey) {
    const earlier = await recordForKey(db, actor.userId, idempotencyKey);
    if (earlier !== null) return { id: earlier, replayed: true };
  }
  try {
    const id = await db.transaction(async (tx) => {
      const program = await loadProgram(tx, actor, programId);
      const values = await recordValues(tx, actor, program, input);
      const [row] = await tx.insert(records).values({ ...values, createdBy: actor.userId, createdAt: ctx.now() }).returning();
      if (idempotencyKey) await tx.insert(recordIdempotency).values({ userId: actor.userId, key: idempotencyKey, recordId: row!.id, createdAt: ctx.now() });
      await audit(tx, ctx, { action: 'record.create', objectType: 'record', objectId: row!.id, after: row });
      return row!.id;
    });
    return { id, replayed: false };
  } catch (err) {
    if (idempotencyKey && isUniqueViolation(err)) {
      const winner = await recordForKey(db, actor.userId, idempotencyKey);
      if (winner !== null) return { id: winner, replayed: true };
    }
    throw err;
  }
}

/**
 * The department and cadres a record names must belong to the org that records it; a record of
 * cadres from one department counts for that department unless another is named (S3.2).
 */
async function checkPeople(tx: Db, kind: TemplateRecordKind, orgId: number, input: Input) {
  const cadreIds = [...new Set(input.cadreIds ?? [])];
  if (cadreIds.length && !kind.byCadres) throw new BadRequestError(`“${kind.name}”不填写参与干部`, [{ path: 'body.cadreIds', message: '此类记录不适用' }]);
  if (input.departmentId !== undefined && !kind.byDepartment) throw new BadRequestError(`“${kind.name}”不填写部室`, [{ path: 'body.departmentId', message: '此类记录不适用' }]);
  const found = cadreIds.length ? await tx.select().from(cadres).where(inArray(cadres.id, cadreIds)) : [];
  for (const [i, id] of cadreIds.entries()) {
    const c = found.find((x) => x.id === id);
    if (!c || c.orgId !== orgId) throw new BadRequestError('参与干部须是填报组织的干部', [{ path: `body.cadreIds.${i}`, message: '不是本组织的干部' }]);
    if (!c.active) throw new BadRequestError(`${c.name}已不在岗`, [{ path: `body.cadreIds.${i}`, message: '干部已不在岗' }]);
  }
  let departmentId = input.departmentId ?? null;
  if (departmentId !== null) {
    const d = (await tx.select().from(departments).where(eq(departments.id, departmentId)))[0];
    if (!d || d.orgId !== orgId) throw new BadRequestError('部室须属于填报组织', [{ path: 'body.departmentId', message: '不是本组织的部室' }]);
  } else if (kind.byDepartment) {
    const own = new Set(found.map((c) => c.departmentId));
    if (own.size === 1 && !own.has(null)) departmentId = found[0]!.departmentId;
  }
  return { departmentId, cadreIds };
}
