import {
  Id, OrgChildrenQuery, OrgCreate, OrgDetail, OrgDissolve, OrgEventList, OrgFound, OrgListQuery, OrgMerge, OrgMove, OrgPage, OrgSplit, OrgUpdate,
} from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Actor } from '../../auth/policy';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { NotFoundError } from '../../http/errors';
import { exportOrgsXlsx } from './orgs.export';
import { sendXlsx } from '../../files/xlsx';
import { orgPresenterFor } from './orgs.present';
import { eventsOf, findOrgInScope, hasChildrenSql, listChildren, listChildrenAsOf, searchOrgs } from './orgs.queries';
import { dissolveOrg, foundOrg, mergeOrg, moveOrg, splitOrg } from './orgs.restructure';
import { createOrg, getOrgDetail, updateOrg } from './orgs.service';
import { orgs } from './orgs.table';
import { eq } from 'drizzle-orm';

const Params = z.object({ id: Id });
const tags = ['orgs'];

export async function orgRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const ctx = (req: Parameters<typeof auditContext>[0]) => auditContext(req, s.now);

  async function loadReadable(actor: Actor, id: number, action: 'org.read' | 'org.tree' = 'org.read') {
    const row = await findOrgInScope(db, actor, id);
    if (!row) throw new NotFoundError();
    authorize(actor, action, row.path);
    return row;
  }

  r.get('/orgs/roots', { schema: { tags, response: { 200: z.object({ items: z.array(OrgPage.shape.items.element) }) } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'org.tree');
    const present = orgPresenterFor(actor);
    const rows = await db.select({ org: orgs, hasChildren: hasChildrenSql }).from(orgs).where(eq(orgs.id, actor.orgId));
    return { items: rows.map((x) => present(x.org, x.hasChildren)) };
  });

  r.get('/orgs', { schema: { tags, querystring: OrgListQuery, response: { 200: OrgPage } } }, async (request) => {
    const actor = requireActor(request);
    authorize(actor, 'org.tree');
    const present = orgPresenterFor(actor);
    const { q, under, kind, status, page, pageSize } = request.query;
    const underPath = under ? (await loadReadable(actor, under, 'org.tree')).path : undefined;
    const { rows, total } = await searchOrgs(db, actor, { q, underPath, kind, status }, page, pageSize);
    return { items: rows.map((x) => present(x.org, x.hasChildren)), total, page, pageSize };
  });

  r.get('/orgs/:id', { schema: { tags, params: Params, response: { 200: OrgDetail } } }, async (request) =>
    getOrgDetail(db, requireActor(request), request.params.id));

  r.get('/orgs/:id/children', { schema: { tags, params: Params, querystring: OrgChildrenQuery, response: { 200: OrgPage } } }, async (request) => {
    const actor = requireActor(request);
    await loadReadable(actor, request.params.id, 'org.tree');
    const present = orgPresenterFor(actor);
    const { page, pageSize, asOf } = request.query;
    const { rows, total } = asOf
      ? await listChildrenAsOf(db, request.params.id, asOf, page, pageSize)
      : await listChildren(db, request.params.id, page, pageSize);
    return { items: rows.map((x) => present(x.org, x.hasChildren)), total, page, pageSize };
  });

  r.get('/orgs/:id/events', { schema: { tags, params: Params, response: { 200: OrgEventList } } }, async (request) => {
    await loadReadable(requireActor(request), request.params.id);
    const rows = await eventsOf(db, request.params.id);
    return { items: rows.map((e) => ({ ...e, kind: e.kind as never, details: e.details as Record<string, unknown>, createdAt: e.createdAt.toISOString() })) };
  });

  r.post('/orgs', { schema: { tags, body: OrgCreate, response: { 200: OrgDetail } } }, async (request) => {
    const actor = requireActor(request);
    const id = await createOrg(db, ctx(request), actor, request.body);
    return getOrgDetail(db, actor, id);
  });

  r.patch('/orgs/:id', { schema: { tags, params: Params, body: OrgUpdate, response: { 200: OrgDetail } } }, async (request) => {
    const actor = requireActor(request);
    await updateOrg(db, ctx(request), actor, request.params.id, request.body);
    return getOrgDetail(db, actor, request.params.id);
  });

  r.post('/orgs/:id/move', { schema: { tags, params: Params, body: OrgMove, response: { 200: OrgDetail } } }, async (request) => {
    const actor = requireActor(request);
    await moveOrg(db, ctx(request), actor, request.params.id, request.body);
    return getOrgDetail(db, actor, request.params.id);
  });

  r.post('/orgs/:id/dissolve', { schema: { tags, params: Params, body: OrgDissolve, response: { 200: OrgDetail } } }, async (request) => {
    const actor = requireActor(request);
    await dissolveOrg(db, ctx(request), actor, request.params.id, request.body);
    return getOrgDetail(db, actor, request.params.id);
  });

  r.post('/orgs/:id/merge', { schema: { tags, params: Params, body: OrgMerge, response: { 200: OrgDetail } } }, async (request) => {
    const actor = requireActor(request);
    await mergeOrg(db, ctx(request), actor, request.params.id, request.body);
    return getOrgDetail(db, actor, request.params.id);
  });

  r.post('/orgs/:id/split', { schema: { tags, params: Params, body: OrgSplit, response: { 200: z.object({ createdIds: z.array(z.number().int()) }) } } }, async (request) => {
    const createdIds = await splitOrg(db, ctx(request), requireActor(request), request.params.id, request.body);
    return { createdIds };
  });

  r.post('/orgs/:id/found', { schema: { tags, params: Params, body: OrgFound, response: { 200: OrgDetail } } }, async (request) => {
    const actor = requireActor(request);
    await foundOrg(db, ctx(request), actor, request.params.id, request.body);
    return getOrgDetail(db, actor, request.params.id);
  });

  r.get('/orgs/export', { schema: { tags, querystring: OrgListQuery.pick({ q: true, under: true, kind: true, status: true }) } }, async (request, reply) => {
    const actor = requireActor(request);
    const { q, under, kind, status } = request.query;
    const underPath = under ? (await loadReadable(actor, under)).path : undefined;
    authorize(actor, 'org.export');
    const buffer = await exportOrgsXlsx(db, actor, { q, underPath, kind, status });
    return sendXlsx(reply, '组织列表.xlsx', buffer);
  });
}
