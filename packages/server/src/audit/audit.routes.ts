import { AuditPage, AuditQuery, AuditVerifyResult } from '@tuanjian/contracts';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../auth/policy';
import type { Services } from '../http/app';
import { requireActor } from '../http/context';
import { BadRequestError } from '../http/errors';
import { auditLog } from './audit.table';
import { verifyAuditChain } from './verify';

function parseInstant(v: string | undefined, path: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new BadRequestError('时间格式无效', [{ path: `querystring.${path}`, message: '应为 ISO 8601 时间' }]);
  return d;
}

export async function auditRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  r.get('/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } }, async (request) => {
    authorize(requireActor(request), 'audit.read');
    const { page, pageSize, action, objectType, objectId, actorId, from, to } = request.query;
    const fromAt = parseInstant(from, 'from');
    const toAt = parseInstant(to, 'to');
    const where = and(
      action ? eq(auditLog.action, action) : undefined,
      objectType ? eq(auditLog.objectType, objectType) : undefined,
      objectId ? eq(auditLog.objectId, objectId) : undefined,
      actorId ? eq(auditLog.actorId, actorId) : undefined,
      fromAt ? gte(auditLog.at, fromAt) : undefined,
      toAt ? lte(auditLog.at, toAt) : undefined,
    );
    const [rows, count] = await Promise.all([
      db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(pageSize).offset((page - 1) * pageSize),
      db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
    ]);
    return {
      items: rows.map((e) => ({ id: e.id, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, requestId: e.requestId, action: e.action,
        objectType: e.objectType, objectId: e.objectId, before: e.before, after: e.after })),
      total: count[0]?.n ?? 0, page, pageSize,
    };
  });
  r.get('/audit/verify', { schema: { tags: ['audit'], response: { 200: AuditVerifyResult } } }, async (request) => {
    authorize(requireActor(request), 'audit.read');
    return verifyAuditChain(db);
  });
}
