import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../audit/audit';
import type { Db } from '../db/client';
import { BadRequestError, ConflictError, TooManyRequestsError, UnauthorizedError } from '../http/errors';
import { users, type UserRow } from '../features/users/users.table';
import { recordLoginFailure, succeedLogin } from './login';
import type { Actor } from './policy';
import { tokenId } from './sessions';
import { loginChallenges } from './sessions.table';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';

export const CHALLENGE_SECONDS = 300;
const ISSUER = '团建';
const BAD_CODE = '动态口令错误或已使用';

/** After a correct password: a single-use token that, with a code, becomes a session. */
export async function startChallenge(tx: Db, user: UserRow, now: Date) {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(loginChallenges).values({ id: tokenId(token), userId: user.id, createdAt: now });
  return { secondFactor: 'totp' as const, pendingToken: token, expiresInSeconds: CHALLENGE_SECONDS };
}

/**
 * Marks the step used only if it is newer than the last one, in one statement: two requests racing
 * with the same code cannot both win.
 */
async function consumeStep(tx: Db, userId: number, step: number): Promise<boolean> {
  const rows = await tx.update(users).set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${step})`))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** The second step of a login: a wrong code counts toward the same lockout as a wrong password. */
export async function completeChallenge(db: Db, ctx: AuditContext, pendingToken: string, code: string) {
  const now = ctx.now();
  const challenge = (await db.select().from(loginChallenges).where(eq(loginChallenges.id, tokenId(pendingToken))))[0];
  const expired = !challenge || challenge.usedAt !== null || now.getTime() - challenge.createdAt.getTime() > CHALLENGE_SECONDS * 1000;
  if (expired) throw new UnauthorizedError('验证已过期，请重新输入用户名和密码');
  const user = (await db.select().from(users).where(eq(users.id, challenge.userId)))[0];
  if (!user || user.disabled || !user.totpSecret || !user.totpEnabledAt) throw new UnauthorizedError('验证已过期，请重新输入用户名和密码');
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new TooManyRequestsError(`登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`);
  }
  const step = matchTotp(user.totpSecret, code, now, user.totpLastStep);
  const accepted = step !== null && await db.transaction(async (tx) => {
    if (!(await consumeStep(tx, user.id, step))) return false;
    const used = await tx.update(loginChallenges).set({ usedAt: now })
      .where(and(eq(loginChallenges.id, challenge.id), isNull(loginChallenges.usedAt))).returning({ id: loginChallenges.id });
    return used.length === 1;
  });
  if (!accepted) {
    await recordLoginFailure(db, ctx, user, now, 'totp');
    throw new UnauthorizedError(BAD_CODE);
  }
  return succeedLogin(db, ctx, user, now, { secondFactor: 'totp' });
}

/** A new secret to scan; replaces an unconfirmed one, never a confirmed one (that takes a reset by the security administrator). */
export async function setupTotp(db: Db, ctx: AuditContext, actor: Actor) {
  return db.transaction(async (tx) => {
    const user = (await tx.select().from(users).where(eq(users.id, actor.userId)))[0]!;
    if (user.totpEnabledAt) throw new ConflictError('动态口令已绑定；如需更换，请联系安全管理员重置');
    const secret = newTotpSecret();
    await tx.update(users).set({ totpSecret: secret, totpLastStep: null }).where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'auth.totp_setup', objectType: 'user', objectId: user.id });
    return { uri: otpauthUri(ISSUER, user.username, secret), secret };
  });
}

/** The first correct code proves the app holds the secret; from then on it is asked at every sign-in. */
export async function confirmTotp(db: Db, ctx: AuditContext, actor: Actor, code: string) {
  await db.transaction(async (tx) => {
    const user = (await tx.select().from(users).where(eq(users.id, actor.userId)))[0]!;
    if (user.totpEnabledAt) throw new ConflictError('动态口令已绑定');
    if (!user.totpSecret) throw new BadRequestError('请先获取动态口令密钥', [{ path: 'body.code', message: '请先获取密钥' }]);
    const step = matchTotp(user.totpSecret, code, ctx.now(), user.totpLastStep);
    if (step === null || !(await consumeStep(tx, user.id, step))) throw new BadRequestError(BAD_CODE, [{ path: 'body.code', message: BAD_CODE }]);
    await tx.update(users).set({ totpEnabledAt: ctx.now() }).where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'auth.totp_enabled', objectType: 'user', objectId: user.id });
  });
}
