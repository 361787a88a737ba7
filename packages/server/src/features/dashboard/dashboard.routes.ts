import { DashboardParams, DashboardQuery, DashboardView, MissedList, MissedQuery } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../http/app';
import { requireActor } from '../../http/context';
import { dashboard, missedList } from './dashboard.service';

export async function dashboardRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['dashboard'];
  r.get('/programs/:id/dashboard', { schema: { tags, params: DashboardParams, querystring: DashboardQuery, response: { 200: DashboardView } } }, async (req) =>
    dashboard(db, requireActor(req), req.params.id, req.query.under, s.now()));
  r.get('/programs/:id/dashboard/missed', { schema: { tags, params: DashboardParams, querystring: MissedQuery, response: { 200: MissedList } } }, async (req) =>
    missedList(db, requireActor(req), req.params.id, req.query, s.now()));
}
