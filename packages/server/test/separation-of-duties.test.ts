import { ACTIONS, ROLES } from '@tuanjian/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS, secondFactorRequired } from '../src/auth/policy';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/** 三权分立 (issue 9, 等保2.0): system, security and audit administrators each do their own work and none of the others'. */
let t: Awaited<ReturnType<typeof testApp>>;
let sys: Client;
let sec: Client;
let aud: Client;
let ids: { sys: number; sec: number; aud: number; staff: number };

beforeAll(async () => {
  t = await testApp();
  ids = {
    sys: await seedUser(t.database, 'sys', 'administrator', 1),
    sec: await seedUser(t.database, 'sec', 'security_admin', 1),
    aud: await seedUser(t.database, 'aud', 'audit_admin', 1),
    staff: await seedUser(t.database, 'staff', 'reporter', t.tree.mx),
  };
  sys = await loginAs(t.app, 'sys');
  sec = await loginAs(t.app, 'sec');
  aud = await loginAs(t.app, 'aud');
});

const version = async (id: number) => (await t.database.query<{ version: number }>('SELECT version FROM users WHERE id = $1', [id]))[0]!.version;
const orgVersion = async (id: number) => (await sys.get(`/api/orgs/${id}`)).json().version as number;

describe('三权分立: separation of duties', () => {
  it('in the policy: account work belongs to the security administrator alone, the audit log to the audit administrator alone, everything else to the system administrator', () => {
    const holders = (action: (typeof ACTIONS)[number]) => ROLES.filter((r) => ROLE_ACTIONS[r].includes(action));
    expect(holders('user.manage')).toEqual(['security_admin']);
    expect(holders('audit.read')).toEqual(['audit_admin']);
    const business = ACTIONS.filter((a) => a !== 'user.manage' && a !== 'audit.read');
    for (const a of business) expect(ROLE_ACTIONS.administrator, a).toContain(a);
    // the security and audit administrators write nothing but their own part; reading the tree is every role's
    expect(ROLE_ACTIONS.security_admin.filter((a) => !['org.read', 'user.read', 'user.manage'].includes(a))).toEqual([]);
    expect(ROLE_ACTIONS.audit_admin.filter((a) => !['org.read', 'audit.read'].includes(a))).toEqual([]);
    // all three sign in with a second factor
    for (const r of ['administrator', 'security_admin', 'audit_admin'] as const) expect(secondFactorRequired(r)).toBe(true);
  });

  it('the system administrator runs the work but cannot create, re-role or unlock an account, nor read or verify the audit log', async () => {
    const v = await orgVersion(t.tree.bc1);
    expect((await sys.patch(`/api/orgs/${t.tree.bc1}`, { version: v, name: '丙村村团支部（系统管理员改）' })).statusCode).toBe(200);
    expect((await sys.post('/api/orgs', { parentId: t.tree.bc, code: 'SOD-1', name: '分权测试支部', kind: 'branch' })).statusCode).toBe(200);

    expect((await sys.post('/api/users', { username: 'by_sys', displayName: 'x', role: 'viewer', orgId: t.tree.mx, password: 'Sod#Passw0rd-1' })).statusCode).toBe(403);
    expect((await sys.patch(`/api/users/${ids.staff}`, { role: 'manager', version: await version(ids.staff) })).statusCode).toBe(403);
    expect((await sys.patch(`/api/users/${ids.staff}`, { password: 'Sod#Passw0rd-2', version: await version(ids.staff) })).statusCode).toBe(403);
    expect((await sys.patch(`/api/users/${ids.sys}`, { role: 'audit_admin', version: await version(ids.sys) })).statusCode).toBe(403);
    expect((await sys.get('/api/audit')).statusCode).toBe(403);
    expect((await sys.get('/api/audit/verify')).statusCode).toBe(403);
    expect((await sys.get('/api/audit/export')).statusCode).toBe(403);
  });

  it('the security administrator manages accounts, passwords, locks and roles, but touches no business data and no audit log', async () => {
    const made = await sec.post('/api/users', { username: 'by_sec', displayName: '新用户', role: 'reporter', orgId: t.tree.mx, password: 'Sod#Passw0rd-3' });
    expect(made.statusCode).toBe(200);
    const id = made.json().id as number;
    expect((await sec.patch(`/api/users/${id}`, { role: 'manager', version: await version(id) })).statusCode).toBe(200);
    expect((await sec.patch(`/api/users/${id}`, { password: 'Sod#Passw0rd-4', version: await version(id) })).statusCode).toBe(200);
    expect((await sec.patch(`/api/users/${id}`, { disabled: true, version: await version(id) })).statusCode).toBe(200);
    expect((await sec.patch(`/api/users/${id}`, { disabled: false, version: await version(id) })).statusCode).toBe(200); // also unlocks
    // the accounts of the other two administrators are its work too (a lost password), but never its own role
    expect((await sec.patch(`/api/users/${ids.aud}`, { password: 'Sod#Passw0rd-5', version: await version(ids.aud) })).statusCode).toBe(200);
    expect((await aud.get('/api/auth/session')).statusCode).toBe(401); // a new password ends the old sessions
    aud = await loginAs(t.app, 'aud', 'Sod#Passw0rd-5'); // …and the second factor still stands between it and the account
    expect((await sec.patch(`/api/users/${ids.sec}`, { role: 'administrator', version: await version(ids.sec) })).statusCode).toBe(400);

    const v = await orgVersion(t.tree.bc2);
    expect((await sec.patch(`/api/orgs/${t.tree.bc2}`, { version: v, name: '改名' })).statusCode).toBe(403);
    expect((await sec.post('/api/orgs', { parentId: t.tree.bc, code: 'SOD-2', name: 'x', kind: 'branch' })).statusCode).toBe(403);
    expect((await sec.post('/api/templates/validate', { yaml: 'id: x' })).statusCode).toBe(403);
    expect((await sec.get('/api/audit')).statusCode).toBe(403);
    expect((await sec.get('/api/audit/verify')).statusCode).toBe(403);
  });

  it('the audit administrator reads and verifies the audit log — including the other two administrators\' acts — and can change nothing', async () => {
    const log = await aud.get('/api/audit?pageSize=200');
    expect(log.statusCode).toBe(200);
    const actors = new Set((log.json().items as Array<{ actorName: string }>).map((e) => e.actorName));
    expect(actors).toContain('sys');
    expect(actors).toContain('sec');
    const verified = (await aud.get('/api/audit/verify')).json();
    expect(verified.ok).toBe(true);
    expect((await aud.get('/api/audit/export')).statusCode).toBe(200);

    expect((await aud.post('/api/users', { username: 'by_aud', displayName: 'x', role: 'viewer', orgId: t.tree.mx, password: 'Sod#Passw0rd-6' })).statusCode).toBe(403);
    expect((await aud.patch(`/api/users/${ids.staff}`, { disabled: true, version: await version(ids.staff) })).statusCode).toBe(403);
    expect((await aud.patch(`/api/orgs/${t.tree.bc2}`, { version: await orgVersion(t.tree.bc2), name: '改名' })).statusCode).toBe(403);
    expect((await aud.post('/api/orgs', { parentId: t.tree.bc, code: 'SOD-3', name: 'x', kind: 'branch' })).statusCode).toBe(403);
  });

  it('abilities sent to the browser follow the split, so no page offers another administrator\'s work', async () => {
    const abilities = async (c: Client) => (await c.get('/api/auth/session')).json().abilities as string[];
    expect(await abilities(sys)).not.toEqual(expect.arrayContaining(['user.manage']));
    expect(await abilities(sys)).not.toContain('audit.read');
    expect(await abilities(sec)).toEqual(expect.arrayContaining(['user.manage']));
    expect(await abilities(sec)).not.toContain('audit.read');
    expect(await abilities(aud)).toContain('audit.read');
    expect(await abilities(aud)).not.toContain('user.manage');
  });
});
