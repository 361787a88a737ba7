import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../http/errors';
import type { Services } from '../http/app';
import { secondFactorRequired } from './policy';
import { resolveSession, SESSION_COOKIE } from './sessions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, docs). */
    public?: boolean;
    /** Reachable by an administrator who has not enrolled a second factor yet (sign-out, enrolment). */
    beforeSecondFactor?: boolean;
  }
  interface FastifyRequest {
    /** An administrator signed in with a password only: enrolment is all this session may do. */
    mustEnrolTotp: boolean;
    totpEnabled: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Every request: cookie → session → actor; every non-public route: a live session, and a CSRF token on writes. */
export function registerAuthHooks(app: FastifyInstance, services: Services) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('mustEnrolTotp', false);
  app.decorateRequest('totpEnabled', false);
  const limits = {
    idleMs: services.config.sessionIdleMinutes * 60_000,
    absoluteMs: services.config.sessionAbsoluteHours * 3_600_000,
  };
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(services.database, token, services.now(), limits);
      if (s) {
        request.actor = s.actor;
        request.sessionId = s.sessionId;
        request.csrfToken = s.csrfToken;
        request.totpEnabled = s.totpEnabled;
        request.mustEnrolTotp = !s.totpEnabled && secondFactorRequired(s.actor.role, services.config.adminTotp);
      }
    }
    if (request.routeOptions.config?.public || request.url.startsWith('/api/docs')) return;
    if (!request.actor) throw new UnauthorizedError(token ? '登录已过期，请重新登录' : '请先登录');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !sameToken(sent, request.csrfToken)) {
        throw new ForbiddenError('安全校验失败（CSRF），请刷新页面后重试');
      }
    }
    if (request.mustEnrolTotp && !request.routeOptions.config?.beforeSecondFactor) throw new ForbiddenError('请先绑定动态口令');
  });
}
