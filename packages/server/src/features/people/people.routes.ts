import { CadreCreate, CadreUpdate, DepartmentCreate, DepartmentUpdate, Id, PeopleOfOrg } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { createCadre, createDepartment, peopleOf, renameDepartment, updateCadre } from './people.service';

const OrgParams = z.object({ id: Id });
const ItemParams = z.object({ id: Id, itemId: Id });

export async function peopleRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['people'];
  const ok = { 200: PeopleOfOrg };
  r.get('/orgs/:id/people', { schema: { tags, params: OrgParams, response: ok } }, async (req) => peopleOf(db, requireActor(req), req.params.id));
  r.post('/orgs/:id/departments', { schema: { tags, params: OrgParams, body: DepartmentCreate, response: ok } }, async (req) => {
    await createDepartment(db, auditContext(req, s.now), requireActor(req), req.params.id, req.body.name);
    return peopleOf(db, requireActor(req), req.params.id);
  });
  r.patch('/orgs/:id/departments/:itemId', { schema: { tags, params: ItemParams, body: DepartmentUpdate, response: ok } }, async (req) => {
    await renameDepartment(db, auditContext(req, s.now), requireActor(req), req.params.id, req.params.itemId, req.body.name, req.body.version);
    return peopleOf(db, requireActor(req), req.params.id);
  });
  r.post('/orgs/:id/cadres', { schema: { tags, params: OrgParams, body: CadreCreate, response: ok } }, async (req) => {
    await createCadre(db, auditContext(req, s.now), requireActor(req), req.params.id, req.body);
    return peopleOf(db, requireActor(req), req.params.id);
  });
  r.patch('/orgs/:id/cadres/:itemId', { schema: { tags, params: ItemParams, body: CadreUpdate, response: ok } }, async (req) => {
    await updateCadre(db, auditContext(req, s.now), requireActor(req), req.params.id, req.params.itemId, req.body);
    return peopleOf(db, requireActor(req), req.params.id);
  });
}
