import { DashboardParams, RollupQuery, RollupView } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../http/app';
import { requireActor } from '../../http/context';
import { rollup } from './rollups.service';

export async function rollupRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/programs/:id/rollup', { schema: { tags: ['dashboard'], params: DashboardParams, querystring: RollupQuery, response: { 200: RollupView } } }, async (req) =>
    rollup(s.database.db, requireActor(req), { programId: req.params.id, ...req.query }));
}
