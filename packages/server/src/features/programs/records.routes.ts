import { Id, RecordChanged, RecordCreate, RecordList, RecordListQuery, RecordReview, RecordSaved, RecordUpdate } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { BadRequestError } from '../../http/errors';
import { changedRecords, listRecords } from './records.list';
import { saveRecord } from './records.service';
import { reviewRecord, submitRecord, updateRecord } from './records.workflow';

const Params = z.object({ id: Id });
const IdempotencyHeaders = z.looseObject({ 'idempotency-key': z.string().optional() });

/** The key a phone sends with a record so that its retry never creates a second one. */
function idempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(value)) throw new BadRequestError('Idempotency-Key 应为 8 到 100 位字母、数字、下划线或连字符', [{ path: 'headers.idempotency-key', message: '格式无效' }]);
  return value;
}

export async function recordRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['records'];

  r.get('/programs/:id/records', { schema: { tags, params: Params, querystring: RecordListQuery, response: { 200: RecordList } } }, async (req) =>
    listRecords(db, requireActor(req), req.params.id, req.query));
  r.post('/programs/:id/records', { schema: { tags, params: Params, headers: IdempotencyHeaders, body: RecordCreate, response: { 200: RecordSaved } } }, async (req, reply) => {
    const actor = requireActor(req);
    const saved = await saveRecord(db, auditContext(req, s.now), actor, req.params.id, req.body, idempotencyKey(req.headers['idempotency-key']));
    // As payment APIs do: tell the client (and the audit check) that this answer repeats an earlier one.
    if (saved.replayed) reply.header('idempotent-replayed', 'true');
    return changedRecords(db, actor, req.params.id, saved.id);
  });
  r.post('/records/:id/submit', { schema: { tags, params: Params, body: z.object({ version: z.number().int().min(0) }), response: { 200: RecordChanged } } }, async (req) => {
    const actor = requireActor(req);
    const programId = await submitRecord(db, auditContext(req, s.now), actor, req.params.id, req.body.version);
    return changedRecords(db, actor, programId, req.params.id);
  });
  r.post('/records/:id/review', { schema: { tags, params: Params, body: RecordReview, response: { 200: RecordChanged } } }, async (req) => {
    const actor = requireActor(req);
    const programId = await reviewRecord(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return changedRecords(db, actor, programId, req.params.id);
  });
  r.patch('/records/:id', { schema: { tags, params: Params, body: RecordUpdate, response: { 200: RecordSaved } } }, async (req) => {
    const actor = requireActor(req);
    const { programId, id } = await updateRecord(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return changedRecords(db, actor, programId, id);
  });
}
