import type { z } from 'zod';
import type { HolderAssign, HolderWithdraw } from '@tuanjian/contracts';
import { roleQuotaCheck } from '@tuanjian/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors';
import { orgs, type OrgRow } from '../orgs/orgs.table';
import { columnsOfRef, holderKey, holderLabel, holderTypeOf, resolveHolders } from './holders';
import { eligibilityProblem, levelName, quotaParentIn } from './nominations.rules';
import { loadProgram } from './programs.service';
import { programRoles } from './programs.table';

const TYPE_NAMES = { org: '团组织', department: '部室', cadre: '团干部' } as const;

/**
 * The issuing committee names a role holder directly, without a nomination: its own departments
 * (S2.3, S3.1), the cadres taking part (S3.2, S4.3) and the orgs it assigns (S3.1 the paired cities).
 * The holder must be eligible through its org, lie in the program's scope and fit the quota; a term
 * (activeFrom/activeTo) limits the periods it is judged for, e.g. a cadre who joins in June.
 */
export async function assignHolder(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: z.infer<typeof HolderAssign>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    authorize(actor, 'nomination.decide', program.issuerPath);
    const role = program.template.roles.find((r) => r.id === input.roleKey);
    if (!role) throw new BadRequestError(`本专项工作没有角色 ${input.roleKey}`, [{ path: 'body.roleKey', message: '角色不存在' }]);
    const expected = holderTypeOf(role.holder);
    if (input.holder.type !== expected) {
      throw new BadRequestError(`${role.name}由${TYPE_NAMES[expected]}担任`, [{ path: 'body.holder.type', message: `应为${TYPE_NAMES[expected]}` }]);
    }
    const holder = (await resolveHolders(tx, [input.holder])).get(holderKey(input.holder));
    if (!holder || !inScope(actor, holder.path)) throw new NotFoundError(`${TYPE_NAMES[expected]}不存在或不在您的管理范围内`);
    if (!holder.path.startsWith(program.scopePath)) throw new BadRequestError('不在本专项工作的实施范围内', [{ path: 'body.holder.id', message: '不在实施范围内' }]);
    const org = (await tx.select().from(orgs).where(eq(orgs.id, holder.orgId)))[0] as OrgRow;
    const problem = eligibilityProblem(role, org);
    if (problem) throw new BadRequestError(problem, [{ path: 'body.holder.id', message: problem }]);
    if (input.activeFrom && input.activeTo && input.activeFrom > input.activeTo) {
      throw new BadRequestError('任职开始日期不能晚于结束日期', [{ path: 'body.activeTo', message: '早于开始日期' }]);
    }
    const columns = columnsOfRef(input.holder);
    const column = input.holder.type === 'org' ? programRoles.orgId : input.holder.type === 'department' ? programRoles.departmentId : programRoles.cadreId;
    const dup = await tx.select({ id: programRoles.id }).from(programRoles)
      .where(and(eq(programRoles.programId, programId), eq(programRoles.roleKey, role.id), eq(column, input.holder.id), sql`${programRoles.status} <> 'withdrawn'`));
    if (dup.length) throw new BadRequestError(`${holderLabel(holder)}已是${role.name}`, [{ path: 'body.holder.id', message: '已在名单中' }]);
    let parentId: number | null = null;
    if (role.quota) {
      const ancestorIds = org.path.split('/').filter(Boolean).map(Number);
      const ancestors = await tx.select({ id: orgs.id, level: orgs.level }).from(orgs).where(inArray(orgs.id, ancestorIds));
      parentId = quotaParentIn(role, org, ancestors);
      if (parentId === null) throw new BadRequestError(`${role.name}按${levelName(role.quota.per)}分配名额，但该${TYPE_NAMES[expected]}不在任何${levelName(role.quota.per)}组织之下`, [{ path: 'body.holder.id', message: `不在${levelName(role.quota.per)}组织之下` }]);
      const n = await tx.select({ n: sql<number>`count(*)::int` }).from(programRoles).where(and(
        eq(programRoles.programId, programId), eq(programRoles.roleKey, role.id), eq(programRoles.quotaParentId, parentId), eq(programRoles.status, 'approved')));
      const check = roleQuotaCheck(role, { [parentId]: (n[0]?.n ?? 0) + 1 }, 'decision');
      if (check.parents[0]?.state === 'over') throw new BadRequestError(check.parents[0].message, [{ path: 'body.holder.id', message: '超出名额' }]);
    }
    const [row] = await tx.insert(programRoles).values({
      programId, roleKey: role.id, ...columns, quotaParentId: parentId, status: 'approved', nominatedBy: actor.userId,
      decidedBy: actor.userId, decidedAt: ctx.now(), activeFrom: input.activeFrom ?? null, activeTo: input.activeTo ?? null,
    }).returning();
    await audit(tx, ctx, { action: 'holder.assign', objectType: 'program_role', objectId: row!.id, after: row });
    return row!.id;
  });
}

/** Takes a holder off the list (a department reorganised, a cadre transferred); the row stays for history. */
export async function withdrawHolder(db: Db, ctx: AuditContext, actor: Actor, programId: number, roleId: number, input: z.infer<typeof HolderWithdraw>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    authorize(actor, 'nomination.decide', program.issuerPath);
    const row = (await tx.select().from(programRoles).where(and(eq(programRoles.id, roleId), eq(programRoles.programId, programId))).for('update'))[0];
    if (!row) throw new NotFoundError('名单记录不存在');
    if (row.version !== input.version) throw new ConflictError();
    if (row.status === 'withdrawn') throw new BadRequestError('已撤出名单');
    const [after] = await tx.update(programRoles).set({ status: 'withdrawn', reason: input.reason, decidedBy: actor.userId, decidedAt: ctx.now(), version: row.version + 1 })
      .where(eq(programRoles.id, row.id)).returning();
    await audit(tx, ctx, { action: 'holder.withdraw', objectType: 'program_role', objectId: row.id, before: row, after });
  });
}
