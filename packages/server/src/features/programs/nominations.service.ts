import type { z } from 'zod';
import type { NominationCreate, NominationDecision } from '@tuanjian/contracts';
import { evaluateStandard, roleQuotaCheck, type StandardReview } from '@tuanjian/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgLeaders, orgs, type OrgRow } from '../orgs/orgs.table';
import { holderKey, holderLabel, refOfColumns, resolveHolders } from './holders';
import { eligibilityProblem, levelName, quotaParentIn } from './nominations.rules';
import { loadProgram } from './programs.service';
import { programRoles, type ProgramRoleRow } from './programs.table';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
type Reviews = Record<string, StandardReview>;

function roleOf(program: Loaded, roleKey: string) {
  const role = program.template.roles.find((r) => r.id === roleKey);
  if (!role) throw new BadRequestError(`本专项工作没有角色 ${roleKey}`, [{ path: 'body.roleKey', message: '角色不存在' }]);
  return role;
}

/** Numbers the standards' automatic items ask for, counted from the registry (S0.3 item 4, S1.4 deputy secretaries). */
async function autoValues(db: Db, org: OrgRow): Promise<Record<string, number>> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(orgs)
    .where(and(eq(orgs.parentId, org.id), eq(orgs.kind, 'direct_org'), eq(orgs.status, 'founded')));
  const deputies = await db.select({ n: sql<number>`count(*)::int` }).from(orgLeaders)
    .where(and(eq(orgLeaders.orgId, org.id), eq(orgLeaders.position, 'deputy_secretary')));
  return { direct_org_count: rows[0]?.n ?? 0, deputy_secretary_count: deputies[0]?.n ?? 0 };
}

async function judge(db: Db, program: Loaded, roleKey: string, org: OrgRow, reviews: Reviews) {
  const role = roleOf(program, roleKey);
  const standard = role.standard ? program.template.standards?.find((s) => s.id === role.standard) : undefined;
  return standard ? evaluateStandard(standard, { autoValues: await autoValues(db, org), reviews }) : null;
}

async function countFor(db: Db, programId: number, roleKey: string, parentId: number, statuses: string[]) {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(programRoles).where(and(
    eq(programRoles.programId, programId), eq(programRoles.roleKey, roleKey), eq(programRoles.quotaParentId, parentId), inArray(programRoles.status, statuses)));
  return rows[0]?.n ?? 0;
}

/** S0.1: a lower committee proposes a candidate for a role; eligibility and the slate size are checked now. */
export async function nominate(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: z.infer<typeof NominationCreate>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    authorize(actor, 'nomination.create');
    const role = roleOf(program, input.roleKey);
    if (role.holder !== 'org') throw new BadRequestError(`${role.name}由个人或部室担任，请在名单中指定`);
    const org = await findOrgInScope(tx, actor, input.orgId);
    if (!org) throw new NotFoundError('被推荐组织不存在或不在您的管理范围内');
    authorize(actor, 'nomination.create', org.path);
    if (!org.path.startsWith(program.scopePath)) throw new BadRequestError('被推荐组织不在本专项工作的实施范围内', [{ path: 'body.orgId', message: '不在实施范围内' }]);
    if (org.status !== 'founded') throw new BadRequestError('只能推荐已成立的组织', [{ path: 'body.orgId', message: '组织未成立或已撤销' }]);
    const problem = eligibilityProblem(role, org);
    if (problem) throw new BadRequestError(problem, [{ path: 'body.orgId', message: problem }]);
    const ancestorIds = org.path.split('/').filter(Boolean).map(Number);
    const ancestors = await tx.select({ id: orgs.id, level: orgs.level }).from(orgs).where(inArray(orgs.id, ancestorIds));
    const parentId = quotaParentIn(role, org, ancestors);
    if (role.quota && parentId === null) throw new BadRequestError(`${role.name}按${levelName(role.quota.per)}分配名额，但该组织不在任何${levelName(role.quota.per)}组织之下`, [{ path: 'body.orgId', message: `不在${levelName(role.quota.per)}组织之下` }]);
    if (parentId !== null) {
      const already = await countFor(tx, programId, role.id, parentId, ['nominated', 'approved']);
      const check = roleQuotaCheck(role, { [parentId]: already + 1 }, 'nomination');
      if (check.parents[0]?.state === 'over') throw new BadRequestError(check.parents[0].message, [{ path: 'body.orgId', message: '超出推荐名额' }]);
    }
    const dup = await tx.select({ id: programRoles.id }).from(programRoles).where(and(eq(programRoles.programId, programId), eq(programRoles.roleKey, role.id), eq(programRoles.orgId, org.id), sql`${programRoles.status} <> 'withdrawn'`));
    if (dup.length) throw new BadRequestError(`${org.name}已被推荐为${role.name}`, [{ path: 'body.orgId', message: '已推荐' }]);
    const reviews = input.reviews ?? {};
    const result = await judge(tx, program, role.id, org, reviews);
    const [row] = await tx.insert(programRoles).values({
      programId, roleKey: role.id, orgId: org.id, quotaParentId: parentId, status: 'nominated', reviews, standardResult: result, nominatedBy: actor.userId,
    }).returning();
    await audit(tx, ctx, { action: 'nomination.create', objectType: 'program_role', objectId: row!.id, after: row });
    return row!.id;
  });
}

/**
 * The issuing committee (or, where the template says so, the parent) approves or returns a candidate.
 * Approval needs every mandatory standard item shown to pass and a free place in the quota.
 */
export async function decide(db: Db, ctx: AuditContext, actor: Actor, programId: number, nominationId: number, input: z.infer<typeof NominationDecision>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const row = (await tx.select().from(programRoles).where(and(eq(programRoles.id, nominationId), eq(programRoles.programId, programId))).for('update'))[0];
    if (!row || row.orgId === null) throw new NotFoundError('推荐记录不存在');
    const org = await findOrgInScope(tx, actor, row.orgId);
    const role = roleOf(program, row.roleKey);
    const deciderPath = role.quota?.decidedBy === 'parent' && row.quotaParentId
      ? (await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, row.quotaParentId)))[0]?.path
      : program.issuerPath;
    if (!org || !deciderPath || !inScope(actor, deciderPath)) throw new ForbiddenError(`${role.name}由${role.quota?.decidedBy === 'parent' ? '上级组织' : '发文单位'}确定`);
    authorize(actor, 'nomination.decide');
    if (row.version !== input.version) throw new ConflictError();
    if (row.status !== 'nominated') throw new BadRequestError('该推荐已处理');
    const reviews = { ...(row.reviews as Reviews), ...(input.reviews ?? {}) };
    const result = await judge(tx, program, role.id, org, reviews);
    let status: ProgramRoleRow['status'];
    if (input.decision === 'return') {
      if (!input.reason) throw new BadRequestError('退回须说明理由', [{ path: 'body.reason', message: '请填写退回理由' }]);
      status = 'returned';
    } else {
      if (result && !result.approvable) {
        const failed = result.items.filter((i) => result.mandatoryFailed.includes(i.id)).map((i) => i.reason);
        throw new BadRequestError(`未达到必备条件，不能通过：${failed.join('；')}`, [{ path: 'body.reviews', message: '必备条件未满足' }]);
      }
      if (row.quotaParentId !== null) {
        const approved = await countFor(tx, programId, role.id, row.quotaParentId, ['approved']);
        const check = roleQuotaCheck(role, { [row.quotaParentId]: approved + 1 }, 'decision');
        if (check.parents[0]?.state === 'over') throw new BadRequestError(check.parents[0].message);
      }
      status = 'approved';
    }
    const [after] = await tx.update(programRoles).set({
      status, reviews, standardResult: result, reason: input.reason ?? null, decidedBy: actor.userId, decidedAt: ctx.now(), version: row.version + 1,
    }).where(eq(programRoles.id, row.id)).returning();
    await audit(tx, ctx, { action: `nomination.${input.decision}`, objectType: 'program_role', objectId: row.id, before: row, after });
  });
}

export async function listNominations(db: Db, actor: Actor, programId: number) {
  const program = await loadProgram(db, actor, programId);
  const parent = sql<string | null>`(SELECT q.name FROM orgs q WHERE q.id = "program_roles"."quota_parent_id")`;
  const rows = await db.select({ r: programRoles, parentName: parent }).from(programRoles)
    .where(eq(programRoles.programId, programId)).orderBy(asc(programRoles.id));
  const holders = await resolveHolders(db, rows.map(({ r }) => refOfColumns(r)));
  // Both sides see the list: the issuer everything, a county what lies in its subtree.
  const issuerView = inScope(actor, program.issuerPath);
  const items = rows.flatMap(({ r, parentName }) => {
    const h = holders.get(holderKey(refOfColumns(r)));
    if (!h || !(issuerView || inScope(actor, h.path))) return [];
    return [{
      id: r.id, programId: r.programId, roleKey: r.roleKey, roleName: program.template.roles.find((x) => x.id === r.roleKey)?.name ?? r.roleKey,
      orgId: r.orgId, orgName: r.orgId !== null ? h.name : null, holder: { type: h.type, id: h.id, name: holderLabel(h) },
      activeFrom: r.activeFrom, activeTo: r.activeTo,
      quotaParentId: r.quotaParentId, quotaParentName: parentName, status: r.status as never, reason: r.reason,
      standard: (r.standardResult ?? null) as never, version: r.version,
    }];
  });
  return { items };
}
