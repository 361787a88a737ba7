import { AssignmentsApply, PairingImportResult, ComplianceMatrix, ComplianceQuery, DeliverableStatusList, HolderAssign, HolderWithdraw, Id, RiskList, RiskQuery, NominationCreate, NominationDecision, NominationList, PairingCreate, PairingList, Program, ProgramCreate, ProgramList, } from '@tuanjian/contracts';
import { complianceMatrix, deliverableStatus, riskList } from './compliance.service';
import { assignHolder, withdrawHolder } from './holders.service';
import { importPairings, tableFromAssignments } from './pairings.import';
import { readTable } from '../../files/tabular';
import { BadRequestError } from '../../http/errors';
import { authorize } from '../../auth/policy';
import { createPairing, listPairings } from './pairings.service';
import { recordRoutes } from './records.routes';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../http/app';
import { auditContext, requireActor } from '../../http/context';
import { decide, listNominations, nominate } from './nominations.service';
import { createProgram, listPrograms, loadProgram, presentProgram } from './programs.service';
import { UPLOAD_LIMIT } from '../../http/rate-limit';

const Params = z.object({ id: Id });

export async function programRoutes(app: FastifyInstance, s: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = s.database.db;
  const tags = ['programs'];

  r.get('/programs', { schema: { tags, response: { 200: ProgramList } } }, async (req) => listPrograms(db, requireActor(req)));
  r.get('/programs/:id', { schema: { tags, params: Params, response: { 200: Program } } }, async (req) =>
    presentProgram(await loadProgram(db, requireActor(req), req.params.id)));
  r.post('/programs', { schema: { tags, body: ProgramCreate, response: { 200: Program } } }, async (req) => {
    const actor = requireActor(req);
    const id = await createProgram(db, auditContext(req, s.now), actor, req.body);
    return presentProgram(await loadProgram(db, actor, id));
  });
  r.get('/programs/:id/nominations', { schema: { tags, params: Params, response: { 200: NominationList } } }, async (req) =>
    listNominations(db, requireActor(req), req.params.id));
  r.post('/programs/:id/nominations', { schema: { tags, params: Params, body: NominationCreate, response: { 200: NominationList } } }, async (req) => {
    const actor = requireActor(req);
    await nominate(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return listNominations(db, actor, req.params.id);
  });
  r.post('/programs/:id/nominations/:nominationId/decision', {
    schema: { tags, params: z.object({ id: Id, nominationId: Id }), body: NominationDecision, response: { 200: NominationList } },
  }, async (req) => {
    const actor = requireActor(req);
    await decide(db, auditContext(req, s.now), actor, req.params.id, req.params.nominationId, req.body);
    return listNominations(db, actor, req.params.id);
  });
  await recordRoutes(app, s);
  r.get('/programs/:id/compliance', { schema: { tags, params: Params, querystring: ComplianceQuery, response: { 200: ComplianceMatrix } } }, async (req) =>
    complianceMatrix(db, requireActor(req), req.params.id, req.query.obligation, s.now()));
  r.get('/programs/:id/pairings', { schema: { tags, params: Params, response: { 200: PairingList } } }, async (req) =>
    listPairings(db, requireActor(req), req.params.id));
  r.post('/programs/:id/pairings', { schema: { tags, params: Params, body: PairingCreate, response: { 200: PairingList } } }, async (req) => {
    const actor = requireActor(req);
    await createPairing(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return listPairings(db, actor, req.params.id);
  });
  r.post('/programs/:id/holders', { schema: { tags, params: Params, body: HolderAssign, response: { 200: NominationList } } }, async (req) => {
    const actor = requireActor(req);
    await assignHolder(db, auditContext(req, s.now), actor, req.params.id, req.body);
    return listNominations(db, actor, req.params.id);
  });
  r.post('/programs/:id/holders/:roleId/withdraw', {
    schema: { tags, params: z.object({ id: Id, roleId: Id }), body: HolderWithdraw, response: { 200: NominationList } },
  }, async (req) => {
    const actor = requireActor(req);
    await withdrawHolder(db, auditContext(req, s.now), actor, req.params.id, req.params.roleId, req.body);
    return listNominations(db, actor, req.params.id);
  });
  r.get('/programs/:id/deliverables', { schema: { tags, params: Params, response: { 200: DeliverableStatusList } } }, async (req) =>
    deliverableStatus(db, requireActor(req), req.params.id, s.now()));
  r.get('/programs/:id/risks', { schema: { tags, params: Params, querystring: RiskQuery, response: { 200: RiskList } } }, async (req) =>
    riskList(db, requireActor(req), req.params.id, s.now(), req.query.soonDays));
  r.post('/programs/:id/pairings/import', { config: { rateLimit: UPLOAD_LIMIT }, schema: { tags, params: Params, consumes: ['multipart/form-data'], response: { 200: PairingImportResult } } }, async (req) => {
    const actor = requireActor(req);
    if (!req.isMultipart()) throw new BadRequestError('请以 multipart/form-data 上传文件');
    const file = await req.file();
    if (!file) throw new BadRequestError('请选择要导入的文件', [{ path: 'body.file', message: '缺少文件' }]);
    const buffer = await file.toBuffer().catch(() => {
      throw new BadRequestError('文件超过 20 MB 上限', [{ path: 'body.file', message: '文件过大' }]);
    });
    const field = (name: string) => {
      const f = file.fields[name];
      const one = Array.isArray(f) ? f[0] : f;
      return one && 'value' in one ? String(one.value) : undefined;
    };
    const table = await readTable(buffer);
    return importPairings(db, auditContext(req, s.now), actor, req.params.id, table, { modeKey: field('modeKey') || undefined, dryRun: field('dryRun') === 'true' });
  });
  r.post('/programs/:id/assignments/apply', { schema: { tags, params: Params, body: AssignmentsApply, response: { 200: PairingImportResult } } }, async (req) => {
    const actor = requireActor(req);
    const program = await loadProgram(db, actor, req.params.id);
    authorize(actor, 'nomination.decide', program.issuerPath); // before reading the template, so a 400 cannot answer a 403
    const { modeKey, table } = tableFromAssignments(program.template, req.body.index);
    return importPairings(db, auditContext(req, s.now), actor, req.params.id, table, { modeKey, dryRun: req.body.dryRun, createMissingDepartments: req.body.createMissingDepartments });
  });
}
