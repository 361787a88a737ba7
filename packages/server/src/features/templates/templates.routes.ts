import { Id, TemplateDetail, TemplateList, TemplateSource, TemplateValidation } from '@tuanjian/contracts';
import { parseTemplate, type ProgramTemplate } from '@tuanjian/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit/audit';
import { authorize } from '../../auth/policy';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { programTemplates, type TemplateRow } from '../programs/programs.table';
import { sourceHash } from './builtin';

const summary = (r: TemplateRow) => ({
  id: r.id, key: r.key, version: r.version, name: r.name, builtin: r.builtin,
  refs: (r.definition as ProgramTemplate).refs ?? [], createdAt: r.createdAt.toISOString(),
});

function validate(yaml: string) {
  const parsed = parseTemplate(yaml);
  return parsed.ok
    ? { ok: true, key: parsed.template.id, version: parsed.template.version, errors: [] }
    : { ok: false, key: null, version: null, errors: parsed.errors };
}

export async function templateRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['templates'];

  r.get('/templates', { schema: { tags, response: { 200: TemplateList } } }, async (request) => {
    authorize(requireActor(request), 'org.read');
    const rows = await db.select().from(programTemplates).orderBy(asc(programTemplates.key), asc(programTemplates.version));
    return { items: rows.map(summary) };
  });

  r.get('/templates/:id', { schema: { tags, params: z.object({ id: Id }), response: { 200: TemplateDetail } } }, async (request) => {
    authorize(requireActor(request), 'org.read');
    const row = (await db.select().from(programTemplates).where(eq(programTemplates.id, request.params.id)))[0];
    if (!row) throw new NotFoundError('模板不存在');
    return { ...summary(row), source: row.source, definition: row.definition as Record<string, unknown> };
  });

  // A validation report before anything is stored: line, path and a Chinese message per problem.
  r.post('/templates/validate', { schema: { tags, body: TemplateSource, response: { 200: TemplateValidation } } }, async (request) => {
    authorize(requireActor(request), 'template.manage');
    return validate(request.body.yaml);
  });

  r.post('/templates', { schema: { tags, body: TemplateSource, response: { 200: TemplateDetail } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'template.manage');
    const parsed = parseTemplate(request.body.yaml);
    if (!parsed.ok) throw new BadRequestError(`模板有 ${parsed.errors.length} 处错误，未发布`, parsed.errors.map((e) => ({ path: `body.yaml.${e.path}`, message: `第 ${e.line ?? '?'} 行：${e.message}` })));
    const t = parsed.template;
    return db.transaction(async (tx) => {
      const dup = await tx.select({ id: programTemplates.id }).from(programTemplates).where(and(eq(programTemplates.key, t.id), eq(programTemplates.version, t.version)));
      if (dup.length) throw new BadRequestError(`模板 ${t.id} 的第 ${t.version} 版已存在，请提高 version 后再发布`, [{ path: 'body.yaml.version', message: '版本已存在' }]);
      const [row] = await tx.insert(programTemplates).values({
        key: t.id, version: t.version, name: t.name, source: request.body.yaml, sourceHash: sourceHash(request.body.yaml), definition: t, createdBy: actor.userId,
      }).returning();
      await audit(tx, auditContext(request, s.now), { action: 'template.publish', objectType: 'program_template', objectId: row!.id, after: { key: t.id, version: t.version, name: t.name } });
      return { ...summary(row!), source: row!.source, definition: row!.definition as Record<string, unknown> };
    });
  });
}
