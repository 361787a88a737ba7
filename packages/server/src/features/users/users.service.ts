import type { z } from 'zod';
import type { User, UserCreate, UserUpdate } from '@tuanjian/contracts';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { hashPassword, passwordProblem } from '../../auth/password';
import { authorize, can, canGrantRole, inScopeSql, type Actor } from '../../auth/policy';
import { revokeAllSessions } from '../../auth/sessions';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { presentMobile } from '../orgs/orgs.present';
import { orgs } from '../orgs/orgs.table';
import { users, type UserRow } from './users.table';
import { mobileColumns } from '../../crypto/sealed-column';

type UserOut = z.infer<typeof User>;

function present(u: UserRow, orgName: string, mayViewMobile: boolean): UserOut {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role as UserOut['role'], orgId: u.orgId, orgName,
    mobile: presentMobile(u.mobile, mayViewMobile), disabled: u.disabled,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null, totpEnabled: u.totpEnabledAt !== null, createdAt: u.createdAt.toISOString(), version: u.version,
  };
}

// Hashes and second-factor secrets never reach the audit log.
const forAudit = ({ passwordHash: _h, totpSecret: _s, ...rest }: UserRow) => rest;

export async function listUsers(db: Db, actor: Actor, q: string | undefined, page: number, pageSize: number) {
  authorize(actor, 'user.read');
  const where = and(inScopeSql(actor, orgs.path), q ? or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined);
  const [rows, count] = await Promise.all([
    db.select({ u: users, orgName: orgs.name }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(where)
      .orderBy(asc(users.username)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(where),
  ]);
  const mayView = can(actor, 'mobile.view');
  return { items: rows.map((r) => present(r.u, r.orgName, mayView)), total: count[0]?.n ?? 0, page, pageSize };
}

async function findUserInScope(db: Db, actor: Actor, id: number) {
  const rows = await db.select({ u: users, orgName: orgs.name }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.id, id), inScopeSql(actor, orgs.path)));
  return rows[0] ?? null;
}

function checkPassword(password: string, path: string) {
  const problem = passwordProblem(password);
  if (problem) throw new BadRequestError(problem, [{ path, message: problem }]);
}

export async function createUser(db: Db, ctx: AuditContext, actor: Actor, input: z.infer<typeof UserCreate>) {
  return db.transaction(async (tx) => {
    const org = await findOrgInScope(tx, actor, input.orgId);
    if (!org) throw new NotFoundError('所属组织不存在或不在您的管理范围内');
    authorize(actor, 'user.manage', org.path);
    if (!canGrantRole(actor, input.role)) throw new ForbiddenError('不能授予高于自己的角色');
    checkPassword(input.password, 'body.password');
    const dup = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
    if (dup.length) throw new BadRequestError(`用户名 ${input.username} 已存在`, [{ path: 'body.username', message: '用户名已存在' }]);
    const [row] = await tx.insert(users).values({
      username: input.username, displayName: input.displayName, role: input.role, orgId: org.id, ...mobileColumns(input.mobile),
      passwordHash: await hashPassword(input.password), passwordChangedAt: ctx.now(), createdAt: ctx.now(),
    }).returning();
    await audit(tx, ctx, { action: 'user.create', objectType: 'user', objectId: row!.id, after: forAudit(row!) });
    return present(row!, org.name, can(actor, 'mobile.view'));
  });
}

export async function updateUser(db: Db, ctx: AuditContext, actor: Actor, id: number, input: z.infer<typeof UserUpdate>) {
  return db.transaction(async (tx) => {
    const found = await findUserInScope(tx, actor, id);
    if (!found) throw new NotFoundError();
    authorize(actor, 'user.manage');
    const before = found.u;
    if (before.version !== input.version) throw new ConflictError(`用户 ${before.username} 已被他人修改，请刷新后重试`);
    if (!canGrantRole(actor, before.role as Actor['role']) || (input.role && !canGrantRole(actor, input.role))) throw new ForbiddenError('不能修改高于自己角色的用户');
    if (id === actor.userId && (input.disabled || (input.role && input.role !== actor.role))) throw new BadRequestError('不能停用自己或修改自己的角色');
    let orgName = found.orgName;
    if (input.orgId !== undefined) {
      const org = await findOrgInScope(tx, actor, input.orgId);
      if (!org) throw new NotFoundError('所属组织不存在或不在您的管理范围内');
      orgName = org.name;
    }
    if (input.password !== undefined) checkPassword(input.password, 'body.password');
    const [row] = await tx.update(users).set({
      displayName: input.displayName, role: input.role, orgId: input.orgId, disabled: input.disabled,
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password), passwordChangedAt: ctx.now() } : {}),
      ...(input.disabled === false ? { lockedUntil: null, failedAttempts: 0 } : {}),
      ...(input.resetTotp ? { totpSecret: null, totpEnabledAt: null, totpLastStep: null } : {}),
      version: before.version + 1,
    }).where(eq(users.id, id)).returning();
    // A new password, a new scope or a disabled account ends every session the user had.
    if (input.password !== undefined || input.disabled || input.orgId !== undefined || input.role !== undefined || input.resetTotp) await revokeAllSessions(tx, id, ctx.now());
    await audit(tx, ctx, { action: 'user.update', objectType: 'user', objectId: id, before: forAudit(before), after: { ...forAudit(row!), passwordChanged: input.password !== undefined, totpReset: Boolean(input.resetTotp) } });
    return present(row!, orgName, can(actor, 'mobile.view'));
  });
}

export async function changeOwnPassword(db: Db, ctx: AuditContext, actor: Actor, current: string, next: string, verify: (hash: string, pw: string) => Promise<boolean>) {
  await db.transaction(async (tx) => {
    const u = (await tx.select().from(users).where(eq(users.id, actor.userId)))[0];
    if (!u || !(await verify(u.passwordHash, current))) throw new BadRequestError('当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]);
    checkPassword(next, 'body.newPassword');
    if (await verify(u.passwordHash, next)) throw new BadRequestError('新密码不能与当前密码相同', [{ path: 'body.newPassword', message: '与当前密码相同' }]);
    await tx.update(users).set({ passwordHash: await hashPassword(next), passwordChangedAt: ctx.now(), version: u.version + 1 }).where(eq(users.id, u.id));
    await revokeAllSessions(tx, u.id, ctx.now());
    await audit(tx, ctx, { action: 'user.password_change', objectType: 'user', objectId: u.id });
  });
}

/** For the CLI and first start: creates a user without an acting session (the actor is the system). */
export async function createUserAsSystem(db: Db, ctx: AuditContext, input: { username: string; displayName: string; role: Actor['role']; orgId: number; password: string; mobile?: string | null }) {
  checkPassword(input.password, 'password');
  return db.transaction(async (tx) => {
    const dup = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
    if (dup.length) throw new BadRequestError(`用户名 ${input.username} 已存在`);
    const [row] = await tx.insert(users).values({ ...input, ...mobileColumns(input.mobile), passwordHash: await hashPassword(input.password) }).returning();
    await audit(tx, ctx, { action: 'user.create', objectType: 'user', objectId: row!.id, after: forAudit(row!) });
    return row!;
  });
}
