import { AuditPage, AuditQuery, AuditVerifyResult } from '@tuanjian/contracts';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { authorize } from '../auth/policy';
import type { Services } from '../http/app';
import { requireActor } from '../http/context';
import { BadRequestError } from '../http/errors';
import { auditLog } from './audit.table';
import { verifyAuditChain } from './verify';
import { buildSheet, sendXlsx } from '../files/xlsx';

function parseInstant(v: string | undefined, path: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new BadRequestError('时间格式无效', [{ path: `querystring.${path}`, message: '应为 ISO 8601 时间' }]);
  return d;
}

export async function auditRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  async function query(q: z.infer<typeof AuditQuery>) {
    const { page, pageSize, action, objectType, objectId, actorId, from, to } = q;
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
    return { rows, total: count[0]?.n ?? 0 };
  }
  r.get('/audit', { schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage } } }, async (request) => {
    authorize(requireActor(request), 'audit.read');
    const { page, pageSize } = request.query;
    const { rows, total } = await query(request.query);
    return {
      items: rows.map((e) => ({ id: e.id, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, requestId: e.requestId, action: e.action,
        objectType: e.objectType, objectId: e.objectId, before: e.before, after: e.after })),
      total, page, pageSize,
    };
  });
  r.get('/audit/export', { schema: { tags: ['audit'], querystring: AuditQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    authorize(requireActor(request), 'audit.read');
    const { rows } = await query({ ...request.query, page: 1, pageSize: 100_000 });
    const json = (v: unknown) => (v == null ? null : JSON.stringify(v));
    const buffer = await buildSheet('审计日志', [
      { header: '序号', value: (e) => e.id }, { header: '时间', width: 24, value: (e) => e.at.toISOString() },
      { header: '操作人', value: (e) => e.actorName }, { header: '操作', value: (e) => e.action },
      { header: '对象类型', value: (e) => e.objectType }, { header: '对象', value: (e) => e.objectId },
      { header: '请求号', width: 38, value: (e) => e.requestId }, { header: '修改前', width: 50, value: (e) => json(e.before) },
      { header: '修改后', width: 50, value: (e) => json(e.after) },
    ], rows);
    return sendXlsx(reply, '审计日志.xlsx', buffer);
  });
  r.get('/audit/verify', { schema: { tags: ['audit'], response: { 200: AuditVerifyResult } } }, async (request) => {
    authorize(requireActor(request), 'audit.read');
    return verifyAuditChain(db);
  });
}
