import { eq, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../audit/audit';
import type { Db } from '../db/client';
import { TooManyRequestsError, UnauthorizedError } from '../http/errors';
import { users, type UserRow } from '../features/users/users.table';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { startChallenge } from './second-factor';
import { createSession } from './sessions';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
// One answer for an unknown user, a wrong password and a disabled account: nothing to enumerate.
const BAD_LOGIN = '用户名或密码错误';

export async function login(db: Db, ctx: AuditContext, username: string, password: string) {
  const now = ctx.now();
  const user = (await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`))[0];
  if (!user) {
    await verifyPassword(await DUMMY_HASH_PROMISE, password);
    await db.transaction((tx) => audit(tx, ctx, { action: 'auth.login_failed', objectType: 'user', objectId: null, after: { username, reason: 'unknown_user' } }));
    throw new UnauthorizedError(BAD_LOGIN);
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new TooManyRequestsError(`登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`);
  }
  const ok = (await verifyPassword(user.passwordHash, password)) && !user.disabled;
  if (!ok) {
    await recordLoginFailure(db, ctx, user, now, 'password');
    throw new UnauthorizedError(BAD_LOGIN);
  }
  // Failures are not reset here: a stolen password must not buy unlimited guesses at the code.
  if (user.totpEnabledAt && user.totpSecret) {
    const challenge = await db.transaction(async (tx) => {
      const c = await startChallenge(tx, user, now);
      await audit(tx, { ...ctx, actorId: user.id, actorName: user.username }, { action: 'auth.password_ok', objectType: 'user', objectId: user.id, after: { secondFactor: 'totp' } });
      return c;
    });
    return { challenge };
  }
  return succeedLogin(db, ctx, user, now);
}

/** A wrong password or a wrong second-factor code: one more failure, and the lock at MAX_FAILURES. */
export async function recordLoginFailure(db: Db, ctx: AuditContext, user: UserRow, now: Date, factor: 'password' | 'totp') {
  const failures = user.failedAttempts + 1;
  const locked = failures >= MAX_FAILURES;
  await db.transaction(async (tx) => {
    await tx.update(users).set({
      failedAttempts: locked ? 0 : failures,
      lockedUntil: locked ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : user.lockedUntil,
    }).where(eq(users.id, user.id));
    await audit(tx, { ...ctx, actorId: user.id, actorName: user.username }, {
      action: locked ? 'auth.locked' : 'auth.login_failed', objectType: 'user', objectId: user.id, after: { failures, factor },
    });
  });
  if (locked) throw new TooManyRequestsError(`连续 ${MAX_FAILURES} 次登录失败，账户已锁定 ${LOCK_MINUTES} 分钟`);
}

export async function succeedLogin(db: Db, ctx: AuditContext, user: UserRow, now: Date, detail?: Record<string, unknown>) {
  return db.transaction(async (tx) => {
    if (user.failedAttempts > 0 || user.lockedUntil) await tx.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await createSession(tx, user.id, now);
    await audit(tx, { ...ctx, actorId: user.id, actorName: user.username }, { action: 'auth.login', objectType: 'user', objectId: user.id, after: detail });
    return { user, session };
  });
}
