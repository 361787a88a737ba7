import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { JobRegistry } from '../jobs/registry';
import { registerAuthHooks } from '../auth/hooks';
import { authRoutes } from '../auth/auth.routes';
import { auditRoutes } from '../audit/audit.routes';
import { orgRoutes } from '../features/orgs/orgs.routes';
import { orgImportRoutes } from '../features/orgs/orgs.import.routes';
import { userRoutes } from '../features/users/users.routes';
import { peopleRoutes } from '../features/people/people.routes';
import { programRoutes } from '../features/programs/programs.routes';
import { templateRoutes } from '../features/templates/templates.routes';
import { systemRoutes } from '../features/system/system.routes';
import { evidenceRoutes } from '../features/evidence/evidence.routes';
import { spotCheckRoutes } from '../features/spotchecks/spotchecks.routes';
import { attendanceRoutes } from '../features/attendance/attendance.routes';
import { targetRoutes } from '../features/targets/targets.routes';
import { taskRoutes } from '../features/tasks/tasks.routes';
import { bulletinRoutes } from '../features/bulletins/bulletins.routes';
import { formRoutes } from '../features/forms/forms.routes';
import { assessmentRoutes } from '../features/assessment/assessment.routes';
import { dashboardRoutes } from '../features/dashboard/dashboard.routes';
import { rollupRoutes } from '../features/rollups/rollups.routes';
import { ratingRoutes } from '../features/ratings/ratings.routes';
import { localDiskStore } from '../storage/local-disk-store';
import type { ObjectStore } from '../storage/object-store';
import { registerErrorHandler } from './errors-plugin';
import { registerRateLimits } from './rate-limit';
import { checkAuditCompleteness } from '../audit/audit-invariant';

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string; public: boolean }[];
  }
}

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'logLevel' | 'secureCookies'> & Partial<Pick<Config, 'adminTotp'>>;
  /** Injected so tests can shift time (idle timeouts, lockouts). */
  now?: () => Date;
  webDist?: string | null;
  /** Where evidence files go; serve.ts passes DATA_DIR/evidence. Without one (tests), a temp folder removed on close. */
  storage?: ObjectStore;
  /** Tests: called for each successful write that left no audit row (audit/audit-invariant.ts). */
  onUnaudited?: (violation: string) => void;
}

export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export interface Services {
  database: Database;
  now: () => Date;
  jobs: JobRegistry;
  config: AppDeps['config'];
  storage: ObjectStore;
}

const DEFAULT_WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  let storage = deps.storage;
  if (!storage) {
    // Created by the first upload only, so apps that never store a file leave nothing behind.
    const tmp = path.join(os.tmpdir(), `tj-evidence-${randomUUID()}`);
    storage = localDiskStore(tmp);
    // Also at exit: a test file may end without closing its app.
    const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
    process.once('exit', cleanup);
    app.addHook('onClose', async () => {
      process.off('exit', cleanup);
      cleanup();
    });
  }
  const services: Services = { database: deps.database, now: deps.now ?? (() => new Date()), jobs: new JobRegistry(), config: deps.config, storage };

  registerErrorHandler(app);
  // Every route, so the access-matrix test can prove that none is left without a policy case.
  const routeList: { method: string; url: string; public: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url, public: Boolean(r.config?.public) });
  });
  app.decorate('routeList', routeList);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: { info: { title: '团建 Tuanjian API', version: '1.0.0' }, servers: [{ url: '/' }] },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), geolocation=(), microphone=()');
    // The UI is self-hosted: no foreign scripts, no framing; antd writes inline styles. Evidence downloads set a stricter one.
    if (!reply.hasHeader('content-security-policy') && !request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
    }
    if (deps.config.secureCookies) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
  registerAuthHooks(app, services);
  registerRateLimits(app, services.now);
  if (deps.onUnaudited) checkAuditCompleteness(app, deps.database, deps.onUnaudited);

  await app.register(async (api) => {
    await systemRoutes(api, services);
    await authRoutes(api, services);
    await orgRoutes(api, services);
    await orgImportRoutes(api, services);
    await userRoutes(api, services);
    await peopleRoutes(api, services);
    await templateRoutes(api, services);
    await programRoutes(api, services);
    await auditRoutes(api, services);
    await evidenceRoutes(api, services);
    await spotCheckRoutes(api, services);
    await attendanceRoutes(api, services);
    await targetRoutes(api, services);
    await taskRoutes(api, services);
    await bulletinRoutes(api, services);
    await formRoutes(api, services);
    await assessmentRoutes(api, services);
    await dashboardRoutes(api, services);
    await rollupRoutes(api, services);
    await ratingRoutes(api, services);
  }, { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  const webDist = deps.webDist === undefined ? DEFAULT_WEB_DIST : deps.webDist;
  const indexHtml = webDist && fs.existsSync(path.join(webDist, 'index.html')) ? fs.readFileSync(path.join(webDist, 'index.html')) : null;
  const sendIndex = (reply: FastifyReply) => reply
    .header('content-security-policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
    .header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  if (webDist && indexHtml) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false });
    app.get('/', { schema: { hide: true }, config: { public: true } }, (_req, reply) => sendIndex(reply));
  }
  // The single-page app owns every other non-API path; API paths get the JSON error shape.
  app.setNotFoundHandler((request, reply) => {
    if (indexHtml && request.method === 'GET' && !request.url.startsWith('/api/')) return sendIndex(reply);
    return reply.status(404).send({ code: 'not_found', message: '接口不存在', requestId: String(request.id) });
  });
  return app;
}
