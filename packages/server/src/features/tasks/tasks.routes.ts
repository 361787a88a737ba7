import { Id, TaskDetail, TaskList, TaskProgressUpdate, TaskQuery } from '@tuanjian/contracts';
import { toCivilDate } from '@tuanjian/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { getTask, listTasks, updateTaskProgress } from './tasks.service';

const Params = z.object({ id: Id });

export async function taskRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['tasks'];
  const today = () => toCivilDate(s.now());

  r.get('/programs/:id/tasks', { schema: { tags, params: Params, querystring: TaskQuery, response: { 200: TaskList } } }, async (req) =>
    listTasks(db, auditContext(req, s.now), requireActor(req), req.params.id, req.query, today()));
  r.get('/tasks/:id', { schema: { tags, params: Params, response: { 200: TaskDetail } } }, async (req) =>
    getTask(db, requireActor(req), req.params.id, today()));
  r.post('/tasks/:id/progress', { schema: { tags, params: Params, body: TaskProgressUpdate, response: { 200: TaskDetail } } }, async (req) => {
    const actor = requireActor(req);
    await updateTaskProgress(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return getTask(db, actor, req.params.id, today());
  });
}
