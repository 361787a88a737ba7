import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { UnauthorizedError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

export function auditContext(request: FastifyRequest, now: () => Date): AuditContext {
  return {
    actorId: request.actor?.userId ?? null,
    actorName: request.actor?.username ?? null,
    requestId: String(request.id),
    now,
  };
}
