import { Burnup, BurnupQuery, Id, SnapshotCreate, SnapshotResult, SubordinateList, SubordinatesQuery, TargetList, TargetPartsQuery, TargetSplitCreate, TargetSplitView } from '@tuanjian/contracts';
import { toCivilDate } from '@tuanjian/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { listSubordinates, listTargets, viewParts } from './parts.view';
import { burnup, takeSnapshot } from './progress.service';
import { splitTarget } from './split.service';

const Params = z.object({ id: Id });

export async function targetRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['targets'];
  const today = () => toCivilDate(s.now());

  r.get('/programs/:id/targets', { schema: { tags, params: Params, response: { 200: TargetList } } }, async (req) =>
    listTargets(db, requireActor(req), req.params.id, today()));
  r.get('/programs/:id/targets/parts', { schema: { tags, params: Params, querystring: TargetPartsQuery, response: { 200: TargetSplitView } } }, async (req) =>
    viewParts(db, requireActor(req), req.params.id, req.query, today()));
  r.get('/programs/:id/targets/subordinates', { schema: { tags, params: Params, querystring: SubordinatesQuery, response: { 200: SubordinateList } } }, async (req) =>
    listSubordinates(db, requireActor(req), req.params.id, req.query));
  r.post('/programs/:id/targets/split', { schema: { tags, params: Params, body: TargetSplitCreate, response: { 200: TargetSplitView } } }, async (req) =>
    splitTarget(db, auditContext(req, s.now), requireActor(req), req.params.id, req.body, today()));
  r.post('/programs/:id/targets/snapshots', { schema: { tags, params: Params, body: SnapshotCreate, response: { 200: SnapshotResult } } }, async (req) =>
    takeSnapshot(db, auditContext(req, s.now), requireActor(req), req.params.id, req.body.date, today()));
  r.get('/programs/:id/targets/burnup', { schema: { tags, params: Params, querystring: BurnupQuery, response: { 200: Burnup } } }, async (req) =>
    burnup(db, requireActor(req), req.params.id, req.query, today()));
}
