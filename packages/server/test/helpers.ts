import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import pg from 'pg';
import type { Role } from '@tuanjian/contracts';
import { openPglite, openPostgres, type Database } from '../src/db/client';
import { migrate } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createUserAsSystem } from '../src/features/users/users.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { eq } from 'drizzle-orm';
import { users } from '../src/features/users/users.table';
import { secondFactorRequired } from '../src/auth/policy';
import { base32Decode, hotp, totpStep } from '../src/auth/totp';

export const ENGINE = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const PASSWORD = 'Test#Passw0rd-2026';

/** An empty database on the test PostgreSQL server; returns its URL. */
export async function freshPostgresUrl(): Promise<string> {
  const admin = process.env.TEST_PG_URL;
  if (!admin) throw new Error('TEST_PG_URL is required when TEST_ENGINE=postgres');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated database: in-memory PGlite, or a new database on the test PostgreSQL server. */
export async function freshDatabase(): Promise<Database> {
  if (ENGINE === 'postgres') {
    const database = await openPostgres(await freshPostgresUrl());
    await migrate(database);
    return database;
  }
  const database = await openPglite(undefined);
  await migrate(database);
  return database;
}

export interface Clock {
  now: () => Date;
  advance(ms: number): void;
}

/** Moves a test clock to 10:00 Beijing time of a day; the seed programs' tests walk their year this way. */
export function setDay(clock: Clock, date: string) {
  clock.advance(Date.parse(`${date}T02:00:00Z`) - clock.now().getTime());
}

/** An org's id by its code (GB/T 2260 or a test code). */
export async function orgIdByCode(database: Database, code: string): Promise<number> {
  return (await database.query<{ id: number }>('SELECT id FROM orgs WHERE code = $1', [code]))[0]!.id;
}

/** Row label → column → value: a computed form as a person reads the printed table. */
export function formTable(report: { rows: Array<{ label: string; cells: Array<{ column: string; value: unknown }> }> }) {
  return Object.fromEntries(report.rows.map((r) => [r.label, Object.fromEntries(r.cells.map((c) => [c.column, c.value]))]));
}

export function testClock(start = new Date('2026-03-01T02:00:00Z')): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => { t += ms; } };
}

/**
 * The fixture tree: 广东 → 梅州 → 梅县区 (2 townships, 2 villages each) and 兴宁市 (a sibling county),
 * plus 泉州 under 福建 — real GB/T 2260 codes, small enough to build in a second.
 */
export async function seedTree(database: Database) {
  const db = database.db;
  const ctx = systemContext('test');
  const mk = async (parentId: number, code: string, name: string, kind: 'committee' | 'working_committee' | 'branch' | 'direct_org' = 'committee') =>
    createOrg(db, ctx, SYSTEM_ACTOR, { parentId, code, name, kind, divisionCode: /^\d+$/.test(code) ? code.slice(0, 12) : undefined, foundedOn: '2000-01-01' });
  const gd = await mk(1, '44', '共青团广东省委员会');
  const mz = await mk(gd, '4414', '共青团梅州市委员会');
  const mx = await mk(mz, '441403', '共青团梅县区委员会');
  const xn = await mk(mz, '441481', '共青团兴宁市委员会');
  const bc = await mk(mx, '441403113', '丙村镇团委');
  const sy = await mk(mx, '441403114', '雁洋镇团委');
  const bc1 = await mk(bc, '441403113201', '丙村村团支部', 'branch');
  const bc2 = await mk(bc, '441403113202', '东岭村团支部', 'branch');
  const sy1 = await mk(sy, '441403114201', '雁洋村团支部', 'branch');
  const xn1 = await mk(xn, '441481100', '宁新街道团工委', 'working_committee');
  const fj = await mk(1, '35', '共青团福建省委员会');
  const qz = await mk(fj, '3505', '共青团泉州市委员会');
  return { gd, mz, mx, xn, bc, sy, bc1, bc2, sy1, xn1, fj, qz };
}
export type Tree = Awaited<ReturnType<typeof seedTree>>;

/** The TOTP secret seedUser enrols for administrators (RFC 6238's own test seed, "12345678901234567890"). */
export const TEST_TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** Administrators come enrolled in TOTP with TEST_TOTP_SECRET, as the policy requires them to be. */
export async function seedUser(database: Database, username: string, role: Role, orgId: number, mobile?: string, opts: { totp?: boolean } = {}) {
  const u = await createUserAsSystem(database.db, systemContext('test'), { username, displayName: username, role, orgId, password: PASSWORD, mobile });
  if (opts.totp ?? secondFactorRequired(role)) {
    await database.db.update(users).set({ totpSecret: TEST_TOTP_SECRET, totpEnabledAt: new Date(0) }).where(eq(users.id, u.id));
  }
  return u.id;
}

// testApp is called from beforeAll, where a nested afterAll would never run: close from the file's root suite.
const openApps: Array<() => Promise<void>> = [];
/** Successful writes without an audit row, from any test of the file: the file fails (issue 9 audit completeness). */
const unaudited: string[] = [];
afterAll(async () => {
  for (const close of openApps.splice(0)) await close();
  if (unaudited.length) throw new Error(`写操作缺少审计记录：\n${[...new Set(unaudited)].join('\n')}`);
});

/** App + database + fixture tree; closed after the file's tests. */
export async function testApp(opts: { clock?: Clock } = {}) {
  const bare = await bareTestApp(opts);
  return { ...bare, tree: await seedTree(bare.database) };
}

/** An app on an empty database (only the national root): for loading the demo exactly as `npm start` does. */
export async function bareTestApp(opts: { clock?: Clock } = {}) {
  const database = await freshDatabase();
  const clock = opts.clock ?? testClock();
  const app = await buildApp({
    database, now: clock.now, webDist: null, onUnaudited: (v) => unaudited.push(v),
    config: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, logLevel: 'silent', secureCookies: false },
  });
  clocks.set(app, clock);
  openApps.push(async () => {
    // A file may have closed them itself already.
    await app.close().catch(() => undefined);
    await database.close().catch(() => undefined);
  });
  return { app, database, clock };
}

type App = Awaited<ReturnType<typeof testApp>>['app'];
const clocks = new WeakMap<object, Clock>();
/** Steps already spent per app and user: a code is single-use, so a second sign-in takes the next one. */
const spentSteps = new WeakMap<object, Map<string, number>>();

/** The second step of a sign-in with TEST_TOTP_SECRET; a test that signs in often moves its clock a step on. */
async function answerChallenge(app: App, username: string, pendingToken: string) {
  const clock = clocks.get(app);
  const spent = spentSteps.get(app) ?? new Map<string, number>();
  spentSteps.set(app, spent);
  let now = clock ? clock.now() : new Date();
  let step = Math.max(totpStep(now) - 1, (spent.get(username.toLowerCase()) ?? -Infinity) + 1);
  if (step > totpStep(now) + 1) {
    clock?.advance((step - 1) * 30_000 - now.getTime() + 1000);
    now = clock ? clock.now() : new Date();
  }
  spent.set(username.toLowerCase(), step);
  const code = hotp(base32Decode(TEST_TOTP_SECRET), step);
  return app.inject({ method: 'POST', url: '/api/auth/login/totp', payload: { pendingToken, code } });
}

/** Logs in and returns a tiny client that sends the session cookie and CSRF token like the browser does. */
export async function loginAs(app: App, username: string, password = PASSWORD) {
  let res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode === 200 && res.json().secondFactor === 'totp') res = await answerChallenge(app, username, res.json().pendingToken);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tj_session')!;
  const { csrfToken } = res.json() as { csrfToken: string };
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as never, cookies: { tj_session: cookie.value }, headers: method === 'GET' ? {} : { 'x-csrf-token': csrfToken } });
  return {
    cookie: cookie.value, csrfToken,
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown) => send('POST', url, body ?? {}),
    patch: (url: string, body: unknown) => send('PATCH', url, body),
    put: (url: string, body: unknown) => send('PUT', url, body),
  };
}
export type Client = Awaited<ReturnType<typeof loginAs>>;

const auditors = new WeakMap<object, Promise<Client>>();
/** 三权分立: only the audit administrator reads the audit log; one per app, at the root, made on first use. */
export function auditorOf(t: { app: App; database: Database }): Promise<Client> {
  let c = auditors.get(t.app);
  if (!c) {
    c = seedUser(t.database, 'audit_admin_test', 'audit_admin', 1).then(() => loginAs(t.app, 'audit_admin_test'));
    auditors.set(t.app, c);
  }
  return c;
}
