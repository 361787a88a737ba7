import { ROLES, type Role } from '@tuanjian/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS } from '../src/auth/policy';
import { loginAs, seedUser, testApp, type Client } from './helpers';
import { CASES, seedAccessFixtures, type Ids, type Target } from './access-cases';

/**
 * Access matrix: every API route × every role × an object inside and outside the user's scope.
 * Users sit at 梅县区; "in" is a township under it, "out" the sibling county 兴宁市.
 * A route missing from CASES (access-cases.ts) fails the first test, so no route ships without a policy case.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let ids: Ids;
const clients = {} as Record<Role, Client>;

beforeAll(async () => {
  t = await testApp();
  for (const role of ROLES) await seedUser(t.database, `m_${role}`, role, t.tree.mx);
  ids = await seedAccessFixtures(t);
  for (const role of ROLES) clients[role] = await loginAs(t.app, `m_${role}`);
});

let cases = 0;
let leaks = 0;
afterAll(() => {
  const routes = t.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.public).length;
  console.log(`SECURITY routes=${routes} cases=${cases} leaks=${leaks}`);
});

describe('access matrix: every route × role × in/out of scope', () => {
  it('has a policy case for every non-public API route', () => {
    const missing = t.app.routeList
      .filter((r) => r.url.startsWith('/api/') && !r.public && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !(k in CASES));
    expect(missing).toEqual([]);
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const r of t.app.routeList.filter((x) => x.url.startsWith('/api/') && !x.public && !x.url.startsWith('/api/docs'))) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(':id', '1') });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  let n = 0;
  for (const [route, c] of Object.entries(CASES)) {
    for (const role of ROLES) {
      for (const target of (c.scoped ? ['in', 'out'] : ['in']) as Target[]) {
        it(`${route} as ${role} on ${c.scoped ? target : 'own'} object`, async () => {
          const res = await c.request(clients[role], ids, target, n++);
          cases++;
          const allowed = c.action === null || ROLE_ACTIONS[role].includes(c.action);
          let expected: string;
          if (c.scoped && target === 'out') expected = '404';
          else expected = allowed ? 'allowed' : '403';
          const got = res.statusCode === 404 ? '404' : res.statusCode === 403 ? '403' : res.statusCode < 500 ? 'allowed' : String(res.statusCode);
          // A role without the action may be refused before anything is looked up: the same 403 for every id tells nothing.
          if (expected === '404' && !allowed && got === '403') expected = '403';
          if (expected !== '403' && expected !== '404' && got !== 'allowed') leaks++;
          if ((expected === '404' || expected === '403') && got === 'allowed') leaks++;
          expect(got, `${route} ${role} ${target}: ${res.statusCode}`).toBe(expected);
        });
      }
    }
  }
});
