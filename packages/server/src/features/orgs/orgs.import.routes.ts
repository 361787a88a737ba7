import { ImportMapping, Job } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../auth/policy';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { readTable } from '../../files/tabular';
import { importOrgs } from './orgs.import';
import { UPLOAD_LIMIT } from '../../http/rate-limit';

export async function orgImportRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/orgs/import', { config: { rateLimit: UPLOAD_LIMIT }, schema: { tags: ['orgs'], consumes: ['multipart/form-data'], response: { 200: z.object({ jobId: z.string() }) } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'org.import');
    if (!request.isMultipart()) throw new BadRequestError('请以 multipart/form-data 上传文件');
    const file = await request.file();
    if (!file) throw new BadRequestError('请选择要导入的文件', [{ path: 'body.file', message: '缺少文件' }]);
    const buffer = await file.toBuffer().catch(() => {
      throw new BadRequestError('文件超过 20 MB 上限', [{ path: 'body.file', message: '文件过大' }]);
    });
    const field = (name: string) => {
      const f = file.fields[name];
      const one = Array.isArray(f) ? f[0] : f;
      return one && 'value' in one ? String(one.value) : undefined;
    };
    let mapping = {};
    const rawMapping = field('mapping');
    if (rawMapping) {
      let json: unknown;
      try { json = JSON.parse(rawMapping); } catch { throw new BadRequestError('列映射不是有效的 JSON', [{ path: 'body.mapping', message: '无效 JSON' }]); }
      const parsed = ImportMapping.safeParse(json);
      if (!parsed.success) throw new BadRequestError('列映射无效', parsed.error.issues.map((i) => ({ path: ['body', 'mapping', ...i.path].join('.'), message: i.message })));
      mapping = parsed.data;
    }
    const dryRun = field('dryRun') === 'true';
    const table = await readTable(buffer);
    const ctx = auditContext(request, s.now);
    const jobId = s.jobs.start('org_import', actor.userId, (progress) => importOrgs(s.database, ctx, actor, table, mapping, dryRun, progress));
    return { jobId };
  });

  r.get('/jobs/:id', { schema: { tags: ['system'], params: z.object({ id: z.string().uuid() }), response: { 200: Job } } }, async (request) => {
    const job = s.jobs.get(request.params.id, requireActor(request).userId);
    if (!job) throw new NotFoundError('任务不存在');
    return job;
  });
}
