/**
 * Fixed-window request limits per client address (login, public check-in) or per user (uploads), on
 * top of the per-account lockout: they slow a password sprayer who rotates usernames and a script that
 * floods a check-in link. In memory: one app server is the unit; a cluster would keep these in Redis.
 */
import type { FastifyInstance } from 'fastify';
import { TooManyRequestsError } from './errors';

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
  by: 'ip' | 'user';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rateLimit?: RateLimit;
  }
}

export function registerRateLimits(app: FastifyInstance, now: () => Date) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  app.addHook('preHandler', async (request) => {
    const limit = request.routeOptions.config?.rateLimit;
    if (!limit) return;
    const who = limit.by === 'user' ? `u${request.actor?.userId ?? request.ip}` : `ip${request.ip}`;
    const key = `${request.routeOptions.url}|${who}`;
    const t = now().getTime();
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      if (windows.size > 50_000) for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
      w = { count: 0, resetAt: t + limit.windowMs };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > limit.max) {
      const seconds = Math.ceil((w.resetAt - t) / 1000);
      throw new TooManyRequestsError(`请求过于频繁，请 ${seconds} 秒后再试`);
    }
  });
}

export const LOGIN_LIMIT: RateLimit = { max: 30, windowMs: 60_000, by: 'ip' };
export const CHECKIN_LIMIT: RateLimit = { max: 60, windowMs: 60_000, by: 'ip' };
export const UPLOAD_LIMIT: RateLimit = { max: 120, windowMs: 60_000, by: 'user' };
