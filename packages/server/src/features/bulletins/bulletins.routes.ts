import { Bulletin, BulletinCreate, BulletinList, Id } from '@tuanjian/contracts';
import { toCivilDate } from '@tuanjian/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { sendDocx } from '../../files/docx';
import { bulletinDocx } from './bulletins.docx';
import { generateBulletin, getBulletin, listBulletins } from './bulletins.service';

const Params = z.object({ id: Id });

export async function bulletinRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['bulletins'];

  r.get('/programs/:id/bulletins', { schema: { tags, params: Params, response: { 200: BulletinList } } }, async (req) =>
    listBulletins(db, requireActor(req), req.params.id));
  r.post('/programs/:id/bulletins', { schema: { tags, params: Params, body: BulletinCreate, response: { 200: Bulletin } } }, async (req) =>
    generateBulletin(db, auditContext(req, s.now), requireActor(req), req.params.id, req.body, toCivilDate(s.now())));
  r.get('/bulletins/:id', { schema: { tags, params: Params, response: { 200: Bulletin } } }, async (req) =>
    getBulletin(db, requireActor(req), req.params.id));
  r.get('/bulletins/:id/docx', { schema: { tags, params: Params } }, async (req, reply) => {
    const b = await getBulletin(db, requireActor(req), req.params.id);
    const buffer = await bulletinDocx({ content: b.content, number: b.number, issuerName: b.issuerName, issuedOn: b.issuedOn });
    const name = `${b.content.masthead}（第${b.number}期）.docx`;
    return sendDocx(reply, name, buffer);
  });
}
