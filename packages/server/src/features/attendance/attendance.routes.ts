import { CheckinBody, CheckinCode, CheckinCodeCreate, CheckinDone, CheckinInfo, CheckinList, Id } from '@tuanjian/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { checkIn, checkinInfo, listCheckins, openCheckin } from './attendance.service';
import { CHECKIN_LIMIT } from '../../http/rate-limit';

const Token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,40}$/, { error: '签到二维码无效' }) });

export async function attendanceRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['attendance'];

  r.post('/records/:id/checkin-code', { schema: { tags, params: z.object({ id: Id }), body: CheckinCodeCreate, response: { 200: CheckinCode } } }, async (req) =>
    openCheckin(db, auditContext(req, s.now), requireActor(req), req.params.id, req.body.hours));
  r.get('/records/:id/checkins', { schema: { tags, params: z.object({ id: Id }), response: { 200: CheckinList } } }, async (req) =>
    listCheckins(db, requireActor(req), req.params.id));
  // Attendees have no account: the token in the scanned link is their only key.
  r.get('/checkin/:token', { config: { public: true }, schema: { tags, params: Token, response: { 200: CheckinInfo } } }, async (req) =>
    checkinInfo(db, req.params.token, s.now()));
  r.post('/checkin/:token', { config: { public: true, rateLimit: CHECKIN_LIMIT }, schema: { tags, params: Token, body: CheckinBody, response: { 200: CheckinDone } } }, async (req) =>
    checkIn(db, auditContext(req, s.now), req.params.token, req.body));
}
