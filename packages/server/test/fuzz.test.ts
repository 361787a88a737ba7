import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * Fuzzing (issue 9): random and hostile JSON, strings (very long, control characters, SQL and HTML
 * injection, emoji, mixed scripts) and numbers thrown at every route, as an administrator and without a
 * session. No answer may be a 5xx. Prints `FUZZ requests=<n> 5xx=<n>`.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
let requests = 0;
const failures: string[] = [];
const statuses = new Map<number, number>();

const HOSTILE = [
  "' OR 1=1 --", "'); DROP TABLE orgs; --", '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '${7*7}', '{{7*7}}',
  '\u0000', '\r\nSet-Cookie: x=1', '\u202e\u0644\u0627', '😀👨‍👩‍👧‍👦', '團建ＡＢＣ𠀀', '../../etc/passwd', '%00', 'NaN', '-1', '1e309', '9'.repeat(40),
  'a'.repeat(100_000), '=cmd|\' /C calc\'!A0', '\\', '"', '[]', '{}', 'null', 'true',
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }));
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, -0));
const leaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
const body = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 6 }),
  fc.dictionary(fc.constantFrom('id', 'name', 'code', 'kind', 'parentId', 'orgId', 'version', 'fields', 'roleKey', 'decision', 'month', 'yaml', 'members', 'holder', 'occurredOn', 'password', 'username'), leaf, { maxKeys: 8 }),
);
const param = fc.oneof(fc.constantFrom('1', '0', '-1', '999999999999', 'abc', '%27', '..', '1;DROP'), fc.integer().map(String), hostileString.map(encodeURIComponent));
const query = fc.dictionary(fc.constantFrom('under', 'q', 'page', 'pageSize', 'obligation', 'asOf', 'soonDays', 'status'), hostileString.map(encodeURIComponent), { maxKeys: 4 });

const SELF_HARM = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-all', 'POST /api/auth/password']);

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  await seedUser(t.database, 'fuzz_admin', 'administrator', 1);
  admin = await loginAs(t.app, 'fuzz_admin');
});

afterAll(() => {
  console.log(`FUZZ requests=${requests} 5xx=${failures.length}`);
  console.log(`fuzz answers by status: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(" ")}`);
});

async function send(method: string, url: string, payload: unknown, signedIn: boolean) {
  const res = await t.app.inject({
    method: method as never, url, payload: method === 'GET' || method === 'DELETE' ? undefined : (payload === undefined ? undefined : JSON.stringify(payload)),
    headers: { 'content-type': 'application/json', ...(signedIn ? { 'x-csrf-token': admin.csrfToken } : {}) },
    cookies: signedIn ? { tj_session: admin.cookie } : {},
  });
  requests++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  if (res.statusCode >= 500) failures.push(`${res.statusCode} ${method} ${url.slice(0, 200)} ${String(JSON.stringify(payload)).slice(0, 200)} → ${res.body.slice(0, 300)}`);
  return res;
}

describe('fuzzing every route', () => {
  it('answers every hostile request without a 5xx', async () => {
    const routes = t.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(60);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const signedIn = !SELF_HARM.has(key);
      await fc.assert(fc.asyncProperty(fc.array(param, { minLength: 3, maxLength: 3 }), query, body, async (params, q, payload) => {
        let i = 0;
        const path = route.url.replace(/:[A-Za-z]+/g, () => params[i++ % params.length]!);
        const qs = new URLSearchParams(q).toString();
        await send(route.method, qs ? `${path}?${qs}` : path, payload, signedIn);
        await send(route.method, path, payload, false);
      }), { numRuns: 12, seed: 20261123 });
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('a stored hostile name comes back as data, byte for byte', async () => {
    const name = '<script>alert(1)</script>团委\u202e';
    const created = await admin.post('/api/orgs', { parentId: t.tree.mx, code: 'FUZZ-1', name, kind: 'branch' });
    expect(created.statusCode).toBe(200);
    expect((await admin.get(`/api/orgs/${created.json().id}`)).json().name).toBe(name);
  });
});
