import { Id, SpotCheckDraw, SpotCheckFinding, SpotCheckList, SpotCheckRedraw, SpotCheckSample } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { drawSpotCheck, listSamples, presentSample, recordFinding, redrawSample } from './spotchecks.service';

const Params = z.object({ id: Id });

export async function spotCheckRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['spot-checks'];

  r.get('/programs/:id/spot-checks', { schema: { tags, params: Params, response: { 200: SpotCheckList } } }, async (req) =>
    listSamples(db, requireActor(req), req.params.id));
  r.post('/programs/:id/spot-checks', { schema: { tags, params: Params, body: SpotCheckDraw, response: { 200: SpotCheckSample } } }, async (req) => {
    const actor = requireActor(req);
    const id = await drawSpotCheck(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return presentSample(db, actor, id);
  });
  r.get('/spot-checks/:id', { schema: { tags, params: Params, response: { 200: SpotCheckSample } } }, async (req) =>
    presentSample(db, requireActor(req), req.params.id));
  r.get('/spot-checks/:id/redraw', { schema: { tags, params: Params, response: { 200: SpotCheckRedraw } } }, async (req) =>
    redrawSample(db, requireActor(req), req.params.id));
  r.post('/spot-checks/:id/items/:itemId/finding', {
    schema: { tags, params: z.object({ id: Id, itemId: z.string().regex(/^\d{1,18}$/) }), body: SpotCheckFinding, response: { 200: SpotCheckSample } },
  }, async (req) => {
    const actor = requireActor(req);
    await recordFinding(db, auditContext(req, s.now), actor, req.params.id, req.params.itemId, req.body);
    return presentSample(db, actor, req.params.id);
  });
}
