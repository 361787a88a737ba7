import { Id, User, UserCreate, UserListQuery, UserPage, UserUpdate } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { createUser, listUsers, updateUser } from './users.service';

export async function userRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['users'];
  r.get('/users', { schema: { tags, querystring: UserListQuery, response: { 200: UserPage } } }, async (request) => {
    const { q, page, pageSize } = request.query;
    return listUsers(db, requireActor(request), q, page, pageSize);
  });
  r.post('/users', { schema: { tags, body: UserCreate, response: { 200: User } } }, async (request) =>
    createUser(db, auditContext(request, s.now), requireActor(request), request.body));
  r.patch('/users/:id', { schema: { tags, params: z.object({ id: Id }), body: UserUpdate, response: { 200: User } } }, async (request) =>
    updateUser(db, auditContext(request, s.now), requireActor(request), request.params.id, request.body));
}
