import { Evidence, EvidenceList, Id, Ok } from '@tuanjian/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { BadRequestError } from '../../http/errors';
import { contentDisposition, EVIDENCE_LIMITS } from './evidence.fns';
import { checkCanAttach, deleteEvidence, listEvidence, openEvidence, presentOne, uploadEvidence } from './evidence.service';
import { UPLOAD_LIMIT } from '../../http/rate-limit';

const Params = z.object({ id: Id });
const MB = EVIDENCE_LIMITS.maxFileBytes / 1024 / 1024;

export async function evidenceRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { db: s.database.db, storage: s.storage };
  const tags = ['evidence'];

  r.get('/records/:id/evidence', { schema: { tags, params: Params, response: { 200: EvidenceList } } }, async (req) =>
    listEvidence(deps.db, requireActor(req), req.params.id));

  r.post('/records/:id/evidence', { config: { rateLimit: UPLOAD_LIMIT }, schema: { tags, params: Params, consumes: ['multipart/form-data'], response: { 200: Evidence } } }, async (req) => {
    const actor = requireActor(req);
    await checkCanAttach(deps.db, actor, req.params.id);
    if (!req.isMultipart()) throw new BadRequestError('请以 multipart/form-data 上传文件');
    // Tighter than the app-wide multipart limit: one file of at most 10 MB per request.
    const file = await req.file({ limits: { fileSize: EVIDENCE_LIMITS.maxFileBytes, files: 1 } });
    if (!file) throw new BadRequestError('请选择要上传的文件', [{ path: 'body.file', message: '缺少文件' }]);
    const bytes = await file.toBuffer().catch((err: { code?: string }) => {
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new BadRequestError(`文件超过 ${MB} MB 上限`, [{ path: 'body.file', message: '文件过大' }]);
      throw err;
    });
    if (bytes.length === 0) throw new BadRequestError('文件是空的', [{ path: 'body.file', message: '空文件' }]);
    const id = await uploadEvidence(deps, auditContext(req, s.now), actor, req.params.id, { bytes, fileName: file.filename });
    return presentOne(deps.db, actor, id);
  });

  const send = async (reply: FastifyReply, f: Awaited<ReturnType<typeof openEvidence>>) => {
    reply.type(f.mediaType)
      .header('content-disposition', contentDisposition(f.fileName))
      .header('x-content-type-options', 'nosniff')
      // Opened directly, a stored file must not run as a page of ours (a crafted PDF or SVG-in-disguise).
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=300');
    if (f.sizeBytes !== null) reply.header('content-length', f.sizeBytes);
    return reply.send(f.body);
  };
  r.get('/evidence/:id', { schema: { tags, params: Params } }, async (req, reply) =>
    send(reply, await openEvidence(deps, requireActor(req), req.params.id, 'file')));
  r.get('/evidence/:id/thumbnail', { schema: { tags, params: Params } }, async (req, reply) =>
    send(reply, await openEvidence(deps, requireActor(req), req.params.id, 'thumbnail')));

  r.delete('/evidence/:id', { schema: { tags, params: Params, response: { 200: Ok } } }, async (req) => {
    await deleteEvidence(deps, auditContext(req, s.now), requireActor(req), req.params.id);
    return { ok: true as const };
  });
}
