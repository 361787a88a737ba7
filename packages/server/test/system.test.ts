import { beforeAll, describe, expect, it } from 'vitest';
import { listMigrations } from '../src/db/migrate';
import { ENGINE, loginAs, seedUser, testApp } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { t = await testApp(); });

describe('API surface', () => {
  it('GET /api/health reports the engine and the migration version', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: ENGINE, migration: listMigrations().at(-1)!.version });
    expect(res.json().serverVersion).toMatch(/^\d+/);
  });

  it('serves OpenAPI 3 generated from the zod schemas, and a docs page', async () => {
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/orgs', '/api/orgs/{id}', '/api/auth/login', '/api/audit']));
    expect(spec.paths['/api/orgs'].post.requestBody.content['application/json'].schema.properties.kind.enum).toContain('direct_org');
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('answers unknown API paths with the JSON error shape, never a stack trace', async () => {
    expect((await t.app.inject({ url: '/api/nope' })).statusCode).toBe(401); // anonymous callers learn nothing of the API's shape
    await seedUser(t.database, 'sys', 'viewer', t.tree.mz);
    const res = await (await loginAs(t.app, 'sys')).get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'message', 'requestId']);
  });

  it('sets security headers on every answer', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});

describe('web UI serving', () => {
  it('serves the single-page app for every non-API path and keeps JSON errors for /api', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('../src/http/app');
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ database: t.database, webDist: dist, config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, logLevel: 'silent', secureCookies: false } });
    const page = await app.inject({ url: '/orgs/123' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="root"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await app.inject({ url: '/assets/app.js' })).body).toBe('console.log(1)');
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    await app.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });
});
