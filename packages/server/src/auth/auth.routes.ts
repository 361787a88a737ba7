import { LoginAnswer, LoginBody, Ok, PasswordChange, SessionInfo, TotpConfirmBody, TotpLoginBody, TotpSetup } from '@tuanjian/contracts';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContext, requireActor } from '../http/context';
import type { Services } from '../http/app';
import { orgs } from '../features/orgs/orgs.table';
import { changeOwnPassword } from '../features/users/users.service';
import { audit } from '../audit/audit';
import { login } from './login';
import { verifyPassword } from './password';
import { abilitiesOf, secondFactorRequired, type Actor } from './policy';
import { completeChallenge, confirmTotp, setupTotp } from './second-factor';
import { revokeAllSessions, revokeSession, SESSION_COOKIE } from './sessions';
import { LOGIN_LIMIT } from '../http/rate-limit';

export async function authRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const idleTimeoutSeconds = s.config.sessionIdleMinutes * 60;

  const info = async (actor: Actor, csrfToken: string, totpEnabled: boolean) => {
    const org = (await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, actor.orgId)))[0];
    const mustEnrolTotp = !totpEnabled && secondFactorRequired(actor.role, s.config.adminTotp);
    return {
      user: { id: actor.userId, username: actor.username, displayName: actor.displayName, role: actor.role, orgId: actor.orgId, orgName: org?.name ?? '' },
      csrfToken, abilities: mustEnrolTotp ? [] : abilitiesOf(actor), idleTimeoutSeconds, totpEnabled, mustEnrolTotp,
    };
  };
  const startSession = async (reply: FastifyReply, { user, session }: Awaited<ReturnType<typeof completeChallenge>>) => {
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/', httpOnly: true, sameSite: 'strict', secure: s.config.secureCookies, maxAge: s.config.sessionAbsoluteHours * 3600,
    });
    const orgPath = (await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, user.orgId)))[0]!.path;
    const actor: Actor = { userId: user.id, username: user.username, displayName: user.displayName, role: user.role as Actor['role'], orgId: user.orgId, orgPath };
    return info(actor, session.csrfToken, user.totpEnabledAt !== null);
  };
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  r.post('/auth/login', { config: { public: true, rateLimit: LOGIN_LIMIT }, schema: { tags: ['auth'], body: LoginBody, response: { 200: LoginAnswer } } }, async (request, reply) => {
    const result = await login(db, auditContext(request, s.now), request.body.username, request.body.password);
    if ('challenge' in result) return result.challenge;
    return startSession(reply, result);
  });

  r.post('/auth/login/totp', { config: { public: true, rateLimit: LOGIN_LIMIT }, schema: { tags: ['auth'], body: TotpLoginBody, response: { 200: SessionInfo } } }, async (request, reply) =>
    startSession(reply, await completeChallenge(db, auditContext(request, s.now), request.body.pendingToken, request.body.code)));

  r.get('/auth/session', { config: { beforeSecondFactor: true }, schema: { tags: ['auth'], response: { 200: SessionInfo } } }, async (request) =>
    info(requireActor(request), request.csrfToken!, request.totpEnabled));

  r.post('/auth/totp/setup', { config: { beforeSecondFactor: true }, schema: { tags: ['auth'], response: { 200: TotpSetup } } }, async (request) =>
    setupTotp(db, auditContext(request, s.now), requireActor(request)));

  r.post('/auth/totp/confirm', { config: { beforeSecondFactor: true, rateLimit: LOGIN_LIMIT }, schema: { tags: ['auth'], body: TotpConfirmBody, response: { 200: SessionInfo } } }, async (request) => {
    await confirmTotp(db, auditContext(request, s.now), requireActor(request), request.body.code);
    return info(requireActor(request), request.csrfToken!, true);
  });

  r.post('/auth/logout', { config: { beforeSecondFactor: true }, schema: { tags: ['auth'], response: { 200: Ok } } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.transaction(async (tx) => {
      await revokeSession(tx, request.sessionId!, s.now());
      await audit(tx, auditContext(request, s.now), { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
    });
    clearCookie(reply);
    return { ok: true as const };
  });

  r.post('/auth/logout-all', { config: { beforeSecondFactor: true }, schema: { tags: ['auth'], response: { 200: Ok } } }, async (request, reply) => {
    const actor = requireActor(request);
    await db.transaction(async (tx) => {
      await revokeAllSessions(tx, actor.userId, s.now());
      await audit(tx, auditContext(request, s.now), { action: 'auth.logout_all', objectType: 'user', objectId: actor.userId });
    });
    clearCookie(reply);
    return { ok: true as const };
  });

  r.post('/auth/password', { schema: { tags: ['auth'], body: PasswordChange, response: { 200: Ok } } }, async (request, reply) => {
    const actor = requireActor(request);
    await changeOwnPassword(db, auditContext(request, s.now), actor, request.body.currentPassword, request.body.newPassword, verifyPassword);
    clearCookie(reply);
    return { ok: true as const };
  });
}
