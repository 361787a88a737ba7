import { RatingBoard, RatingOrgParams, RatingParams, RatingReview, SelfScore } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { ratingBoard, reviewRating, selfScore } from './ratings.service';

const BASE = '/programs/:id/ratings/:standardId';

export async function ratingRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['ratings'];
  r.get(BASE, { schema: { tags, params: RatingParams, response: { 200: RatingBoard } } }, async (req) =>
    ratingBoard(db, requireActor(req), req.params.id, req.params.standardId, s.now()));
  r.put(`${BASE}/orgs/:orgId`, { schema: { tags, params: RatingOrgParams, body: SelfScore, response: { 200: RatingBoard } } }, async (req) => {
    await selfScore(db, auditContext(req, s.now), requireActor(req), req.params.id, req.params.standardId, req.params.orgId, req.body);
    return ratingBoard(db, requireActor(req), req.params.id, req.params.standardId, s.now());
  });
  r.post(`${BASE}/orgs/:orgId/review`, { schema: { tags, params: RatingOrgParams, body: RatingReview, response: { 200: RatingBoard } } }, async (req) => {
    await reviewRating(db, auditContext(req, s.now), requireActor(req), req.params.id, req.params.standardId, req.params.orgId, req.body);
    return ratingBoard(db, requireActor(req), req.params.id, req.params.standardId, s.now());
  });
}
