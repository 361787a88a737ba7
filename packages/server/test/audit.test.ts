import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/verify';
import { ENGINE, loginAs, seedUser, testApp, type Client } from './helpers';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
let auditor: Client;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'sysadmin', 'administrator', 1);
  await seedUser(t.database, 'auditor', 'audit_admin', 1);
  admin = await loginAs(t.app, 'sysadmin');
  auditor = await loginAs(t.app, 'auditor');
});

describe('audit log', () => {
  it('records actor, request id, object, before and after for an edit', async () => {
    const org = (await admin.get(`/api/orgs/${t.tree.bc1}`)).json();
    const res = await admin.patch(`/api/orgs/${t.tree.bc1}`, { version: org.version, name: '丙村村团支部（改）' });
    const requestId = res.headers['x-request-id'];
    const page = (await auditor.get(`/api/audit?objectType=org&objectId=${t.tree.bc1}&action=org.update`)).json();
    expect(page.total).toBe(1);
    const e = page.items[0];
    expect(e.actorName).toBe('sysadmin');
    expect(e.requestId).toBe(requestId);
    expect(e.before.name).toBe('丙村村团支部');
    expect(e.after.name).toBe('丙村村团支部（改）');
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(t.database.query('UPDATE audit_log SET action = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.database.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.database.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('hash chain verifies, and detects a row altered behind the trigger', async () => {
    const ok = (await auditor.get('/api/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(10);
    // Simulate tampering by someone with superuser rights who switches the trigger off.
    await t.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    const victim = (await t.database.query<{ id: number }>("SELECT id FROM audit_log WHERE action = 'org.update' LIMIT 1"))[0]!.id;
    await t.database.query(`UPDATE audit_log SET after = '{"name":"forged"}' WHERE id = $1`, [victim]);
    await t.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const broken = await verifyAuditChain(t.database.db);
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt).toBe(victim);
  });

  it(`keeps a consistent chain under concurrent writes (${ENGINE})`, async () => {
    const writes = Array.from({ length: 12 }, (_, i) =>
      admin.post('/api/orgs', { parentId: t.tree.xn1, code: `CC-${i}`, name: `并发${i}`, kind: 'branch' }));
    const results = await Promise.all(writes);
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const rows = await t.database.query<{ id: number; prev_hash: string; hash: string }>('SELECT id, prev_hash, hash FROM audit_log ORDER BY id');
    const links = rows.slice(1).filter((r, i) => r.prev_hash !== rows[i]!.hash);
    // every row links to its predecessor: the advisory lock serialised the writers
    expect(links.length).toBe(0);
  });

  it('is readable only by the audit administrator (三权分立): not a manager, not the system administrator', async () => {
    await seedUser(t.database, 'mgr', 'manager', t.tree.mz);
    const mgr = await loginAs(t.app, 'mgr');
    expect((await mgr.get('/api/audit')).statusCode).toBe(403);
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    expect((await admin.get('/api/audit/verify')).statusCode).toBe(403);
    expect((await auditor.get('/api/audit')).statusCode).toBe(200);
  });
});
