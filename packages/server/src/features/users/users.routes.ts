import { Id, User, UserCreate, UserListQuery, UserPage, UserUpdate } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { createUser, listUsers, updateUser } from './users.service';
import { buildSheet, sendXlsx } from '../../files/xlsx';

export async function userRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['users'];
  r.get('/users', { schema: { tags, querystring: UserListQuery, response: { 200: UserPage } } }, async (request) => {
    const { q, page, pageSize } = request.query;
    return listUsers(db, requireActor(request), q, page, pageSize);
  });
  r.get('/users/export', { schema: { tags, querystring: UserListQuery.pick({ q: true }) } }, async (request, reply) => {
    const { items } = await listUsers(db, requireActor(request), request.query.q, 1, 100_000);
    const ROLE = { administrator: '系统管理员', security_admin: '安全管理员', audit_admin: '审计管理员', manager: '管理员', reporter: '填报员', viewer: '查看者' } as const;
    const buffer = await buildSheet('用户', [
      { header: '用户名', value: (u) => u.username }, { header: '姓名', value: (u) => u.displayName },
      { header: '角色', value: (u) => ROLE[u.role] }, { header: '所属组织', width: 30, value: (u) => u.orgName },
      { header: '手机', value: (u) => u.mobile }, { header: '状态', value: (u) => (u.disabled ? '已停用' : '正常') },
    ], items);
    return sendXlsx(reply, '用户列表.xlsx', buffer);
  });
  r.post('/users', { schema: { tags, body: UserCreate, response: { 200: User } } }, async (request) =>
    createUser(db, auditContext(request, s.now), requireActor(request), request.body));
  r.patch('/users/:id', { schema: { tags, params: z.object({ id: Id }), body: UserUpdate, response: { 200: User } } }, async (request) =>
    updateUser(db, auditContext(request, s.now), requireActor(request), request.params.id, request.body));
}
