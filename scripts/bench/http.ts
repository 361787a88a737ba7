/**
 * Step 3: the real HTTP stack (Fastify, sessions, CSRF, zod, the policy, audit) on loopback, driven by
 * autocannon in a separate process: two read routes and one write route, each for N seconds.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../packages/server/src/db/client';
import { createUserAsSystem } from '../../packages/server/src/features/users/users.service';
import { buildApp } from '../../packages/server/src/http/app';
import { systemContext } from '../../packages/server/src/system-actor';
import type { Loaded } from './load-records';
import type { Node } from './load-tree';
import type { Report } from './report';

const here = path.dirname(fileURLToPath(import.meta.url));
const PASSWORD = 'Bench#Passw0rd-2024';

interface Cannon { rps: number; total: number; p50: number; p90: number; p99: number; max: number; ok: number; non2xx: number; errors: number; timeouts: number }

function cannon(opts: Record<string, unknown>): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'autocannon-run.mjs'), JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Cannon) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`bench login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('tj_session='))!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

export interface HttpInput {
  database: Database;
  report: Report;
  loaded: Loaded;
  searchUnder: Node;
  seconds: number;
  connections: number;
}

export async function runHttp(x: HttpInput) {
  const { database, report, loaded } = x;
  const ctx = systemContext('bench');
  const county = loaded.busy.county;
  await createUserAsSystem(database.db, ctx, { username: 'bench_admin', displayName: '基准管理员', role: 'administrator', orgId: 1, password: PASSWORD });
  await createUserAsSystem(database.db, ctx, { username: 'bench_county', displayName: '基准县级管理员', role: 'manager', orgId: county.id, password: PASSWORD });
  const year = Number(loaded.s0.startsOn.slice(0, 4));
  const app = await buildApp({ database, webDist: null, config: { sessionIdleMinutes: 600, sessionAbsoluteHours: 12, logLevel: 'silent', secureCookies: false, adminTotp: 'optional' } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const admin = await login(base, 'bench_admin');
    const manager = await login(base, 'bench_county');
    const routes = [
      // Not one of the routes: the floor under every request (session lookup, one primary-key read,
      // zod serialization), to tell the framework's cost from the queries'.
      { name: 'http.floor_org_roots', method: 'GET', url: `${base}/api/orgs/roots`, auth: manager, body: undefined as string | undefined },
      { name: 'http.read_org_search', method: 'GET', url: `${base}/api/orgs?q=${encodeURIComponent('中学')}&under=${x.searchUnder.id}&pageSize=20`, auth: admin },
      { name: 'http.read_compliance', method: 'GET', url: `${base}/api/programs/${loaded.s0.id}/compliance?obligation=s0.8-work-meeting-demo`, auth: manager },
      {
        name: 'http.write_record', method: 'POST', url: `${base}/api/programs/${loaded.s0.id}/records`, auth: manager,
        body: JSON.stringify({ kind: 'study_exchange', orgId: loaded.busy.town.id, occurredOn: `${year}-06-18`, peopleReached: 24, fields: { topic: '基准测试交流' } }),
      },
    ];
    report.note(`http: ${x.connections} connections, ${x.seconds} s per route, autocannon in a child process, app and database on this machine`);
    for (const r of routes) {
      const probe = await fetch(r.url, { method: r.method, headers: { cookie: r.auth.cookie, 'x-csrf-token': r.auth.csrfToken, 'content-type': 'application/json' }, body: r.body });
      if (probe.status !== 200) throw new Error(`${r.name}: ${probe.status} ${(await probe.text()).slice(0, 300)}`);
      const res = await cannon({
        url: r.url, method: r.method, body: r.body, connections: x.connections, duration: x.seconds,
        headers: { cookie: r.auth.cookie, 'x-csrf-token': r.auth.csrfToken, 'content-type': 'application/json' },
      });
      report.figure(`${r.name}.rps`, res.rps, 'req/s');
      report.figure(`${r.name}.p50_ms`, res.p50, 'ms');
      report.figure(`${r.name}.p99_ms`, res.p99, 'ms');
      report.figure(`${r.name}.requests`, res.total, 'requests');
      report.figure(`${r.name}.errors`, res.non2xx + res.errors + res.timeouts, 'requests');
    }
    const written = (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM records WHERE program_id = $1 AND fields->>'topic' = '基准测试交流'", [loaded.s0.id]))[0]!.n;
    report.figure('http.write_record.rows_written', written, 'records');
  } finally {
    await app.close();
  }
}
