import { ACTIONS, ROLES, type Action } from '@tuanjian/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS, secondFactorRequired } from '../src/auth/policy';
import { CASES, seedAccessFixtures, type Ids, type Target } from './access-cases';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/** 三权分立 (issue 9, 等保2.0): system, security and audit administrators each do their own work and none of the others'. */
let t: Awaited<ReturnType<typeof testApp>>;
let sys: Client;
let sec: Client;
let aud: Client;
let ids: { sys: number; sec: number; aud: number; staff: number };
let objects: Ids;

beforeAll(async () => {
  t = await testApp();
  ids = {
    sys: await seedUser(t.database, 'sys', 'administrator', 1),
    sec: await seedUser(t.database, 'sec', 'security_admin', 1),
    aud: await seedUser(t.database, 'aud', 'audit_admin', 1),
    staff: await seedUser(t.database, 'staff', 'reporter', t.tree.mx, '13812345678'),
  };
  objects = await seedAccessFixtures(t);
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
    // the security and audit administrators hold nothing but their own part: no business reading (org.read), no
    // unmasked mobile numbers; the security administrator sees the tree's skeleton (org.tree) to place accounts
    expect([...ROLE_ACTIONS.security_admin].sort()).toEqual(['org.tree', 'user.manage', 'user.read']);
    expect([...ROLE_ACTIONS.audit_admin]).toEqual(['audit.read']);
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
    // the web menu shows 组织架构 and 专项工作 on org.read: neither reaches the security or audit administrator
    expect(await abilities(sec)).not.toContain('org.read');
    expect(await abilities(aud)).toEqual(['audit.read']);
  });
});

/**
 * Every route of the access matrix (access-cases.ts), not a hand-picked few: a route added later falls under these
 * tests by its action. The duties are written out here rather than read from ROLE_ACTIONS, so that widening a
 * role in the policy fails this file even when the matrix, which follows the policy, still passes.
 */
const DUTY: Record<'administrator' | 'security_admin' | 'audit_admin', readonly Action[]> = {
  security_admin: ['user.read', 'user.manage', 'org.tree'],
  audit_admin: ['audit.read'],
  administrator: ACTIONS.filter((a) => a !== 'user.manage' && a !== 'audit.read'),
};
const routesOf = (pred: (action: Action) => boolean) => Object.entries(CASES).filter(([, c]) => c.action !== null && pred(c.action));
let n = 50_000;
const denied = (code: number) => code === 403 || code === 404;

describe('三权分立 over every route of the access matrix', () => {
  const business = routesOf((a) => !(['user.read', 'user.manage', 'audit.read', 'org.tree'] as Action[]).includes(a));

  it('enumerates the business routes: every GET on orgs, people, programs, records, forms, evidence, figures and files', () => {
    const gets = business.filter(([route]) => route.startsWith('GET ')).map(([route]) => route);
    for (const r of ['GET /api/orgs/:id', 'GET /api/orgs/:id/people', 'GET /api/orgs/export', 'GET /api/programs', 'GET /api/programs/:id/records',
      'GET /api/evidence/:id', 'GET /api/programs/:id/forms/:formKey/periods/:period/reports/:reporter', 'GET /api/bulletins/:id/docx']) expect(gets).toContain(r);
    expect(gets.length).toBeGreaterThan(40);
  });

  for (const who of ['security_admin', 'audit_admin'] as const) {
    it(`the ${who} gets 403 or 404 on every business route, inside its scope and out`, async () => {
      const c = who === 'security_admin' ? sec : aud;
      const leaks: string[] = [];
      for (const [route, k] of business) {
        for (const target of ['in', 'out'] as Target[]) {
          const res = await k.request(c, objects, target, n++);
          if (!denied(res.statusCode)) leaks.push(`${route} ${target}: ${res.statusCode}`);
        }
      }
      expect(leaks).toEqual([]);
    });
  }

  it('the audit administrator cannot manage or even list accounts, nor browse the tree', async () => {
    const leaks: string[] = [];
    for (const [route, k] of routesOf((a) => a === 'user.read' || a === 'user.manage' || a === 'org.tree')) {
      const res = await k.request(aud, objects, 'in', n++);
      if (!denied(res.statusCode)) leaks.push(`${route}: ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
  });

  it('the security administrator cannot read, verify or export the audit log; the system administrator neither, nor manage an account', async () => {
    const leaks: string[] = [];
    for (const [route, k] of routesOf((a) => a === 'audit.read')) {
      for (const [who, c] of [['sec', sec], ['sys', sys]] as const) {
        const res = await k.request(c, objects, 'in', n++);
        if (!denied(res.statusCode)) leaks.push(`${who} ${route}: ${res.statusCode}`);
      }
    }
    for (const [route, k] of routesOf((a) => a === 'user.manage')) {
      for (const target of ['in', 'out'] as Target[]) {
        const res = await k.request(sys, objects, target, n++);
        if (!denied(res.statusCode)) leaks.push(`sys ${route} ${target}: ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('each does its own part: the routes of its duty answer, not 403 or 404', async () => {
    const refused: string[] = [];
    for (const who of ['administrator', 'security_admin', 'audit_admin'] as const) {
      const c = who === 'administrator' ? sys : who === 'security_admin' ? sec : aud;
      // writes with a stale version answer 409 and bad input 400: the action was allowed, the request was not good
      for (const [route, k] of routesOf((a) => DUTY[who].includes(a))) {
        const res = await k.request(c, objects, 'in', n++);
        if (denied(res.statusCode) || res.statusCode >= 500) refused.push(`${who} ${route}: ${res.statusCode}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('the security administrator places accounts by the tree\'s names and codes only, and sees account mobiles masked', async () => {
    const found = await sec.get(`/api/orgs?q=${encodeURIComponent('梅县')}`);
    expect(found.statusCode).toBe(200);
    const items = found.json().items as Array<{ id: number; name: string; code: string; memberCount: number | null; honors: unknown[] }>;
    expect(items.length).toBeGreaterThan(0);
    for (const o of items) expect(o).toMatchObject({ memberCount: null, honors: [] });
    expect((await sec.get(`/api/orgs/${t.tree.mx}/children`)).statusCode).toBe(200);
    expect((await sec.get(`/api/orgs/${t.tree.mx}`)).statusCode).toBe(403); // the detail carries leaders' mobiles
    expect((await sec.get(`/api/orgs/${t.tree.mx}/people`)).statusCode).toBe(403);

    const staff = ((await sec.get('/api/users?q=staff')).json().items as Array<{ username: string; mobile: string | null }>).find((u) => u.username === 'staff')!;
    expect(staff.mobile).not.toBe('13812345678');
    expect(staff.mobile).toMatch(/^138\*{4}5678$/);
  });
});
