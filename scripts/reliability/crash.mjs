#!/usr/bin/env node
// Crash safety (issue 9): start the server, fire concurrent record submissions with idempotency keys,
// SIGKILL the server in the middle, restart it, retry what was not acknowledged, and check that every
// acknowledged record is present exactly once. Prints `CRASH engine=<e> acknowledged=<n> lost=<n> duplicated=<n>`
// and exits non-zero when anything was lost or duplicated.
//
//   node scripts/reliability/crash.mjs [--engine pglite|postgres|both] [--n 1000] [--kill-after 300]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, startPostgres } from '../pg-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'packages/server/package.json'));
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const N = Number(opt('n', 1000));
const KILL_AFTER = Number(opt('kill-after', Math.floor(N * 0.3)));
const CONCURRENCY = 64;
const PASSWORD = 'Crash#Passw0rd-2026';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function startServer(port, env) {
  const child = spawn(process.execPath, [path.join(root, 'packages/server/bin/tuanjian.mjs'), 'serve', '--port', String(port)], {
    // The second factor has its own tests (totp.test.ts); here `admin` only submits records, by password.
    cwd: root, env: { ...process.env, TUANJIAN_ADMIN_PASSWORD: PASSWORD, TUANJIAN_ADMIN_TOTP: 'optional', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.exited = new Promise((resolve) => child.on('exit', resolve));
  child.stderrText = () => stderr;
  return child;
}

async function waitHealthy(base, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${child.stderrText()}`);
    try { if ((await fetch(`${base}/api/health`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

async function login(base) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tj_session='))?.split(';')[0];
  const { csrfToken } = await res.json();
  return { cookie, csrfToken };
}

function client(base, session) {
  return async (method, url, body, extra = {}) => {
    const res = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...extra }, body: body ? JSON.stringify(body) : undefined });
    return { status: res.status, json: res.headers.get('content-type')?.includes('json') ? await res.json() : null };
  };
}

/** An org and an S0 program to record against, created through the API like a user would. */
async function setUp(call) {
  const code = `CRASH-${Date.now()}`;
  const org = await call('POST', '/api/orgs', { parentId: 1, code, name: '崩溃测试团委', kind: 'committee' });
  if (org.status !== 200) throw new Error(`org: ${JSON.stringify(org.json)}`);
  const templates = (await call('GET', '/api/templates')).json.items;
  const templateId = templates.find((t) => t.key === 's0-meizhou-pairing').id;
  const program = await call('POST', '/api/programs', { templateId, issuerOrgId: org.json.id, scopeOrgId: org.json.id, year: 2026 });
  if (program.status !== 200) throw new Error(`program: ${JSON.stringify(program.json)}`);
  return { orgId: org.json.id, programId: program.json.id };
}

const body = (orgId, key) => ({ kind: 'report_to_party', orgId, occurredOn: '2026-03-01', fields: { party_committee: '乡镇党委', content: key } });

/** Sends each key once; resolves with the keys that got a 200. Stops sending once the server is gone. */
async function fire(call, orgId, programId, keys, onAck) {
  const acked = new Set();
  let next = 0;
  let dead = false;
  async function worker() {
    while (!dead && next < keys.length) {
      const key = keys[next++];
      try {
        const res = await call('POST', `/api/programs/${programId}/records`, body(orgId, key), { 'idempotency-key': key });
        if (res.status === 200) { acked.add(key); onAck?.(acked.size); }
      } catch { dead = true; }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return acked;
}

async function countByKey(engine, target, programId) {
  const sql = `SELECT fields->>'content' AS k, count(*)::int AS n FROM records WHERE program_id = ${Number(programId)} GROUP BY 1`;
  if (engine === 'postgres') {
    const pg = require('pg');
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    try { return (await c.query(sql)).rows; } finally { await c.end(); }
  }
  const { PGlite } = await import(require.resolve('@electric-sql/pglite'));
  const db = await PGlite.create(path.join(target, 'pglite'));
  try { return (await db.query(sql)).rows; } finally { await db.close(); }
}

async function runOnce(engine) {
  let pg = null;
  let keyDir = null;
  let env;
  let target;
  if (engine === 'postgres') {
    pg = await startPostgres();
    target = await createDatabase(pg.url, `crash_${process.pid}`);
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-crash-key-')); // the data key lives in DATA_DIR even with PostgreSQL
    env = { DATABASE_URL: target, DATA_DIR: keyDir };
  } else {
    target = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-crash-'));
    env = { DATA_DIR: target };
  }
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = startServer(port, env);
    await waitHealthy(base, server);
    const session = await login(base);
    let call = client(base, session);
    const { orgId, programId } = await setUp(call);
    const keys = Array.from({ length: N }, (_, i) => `crash-${engine}-${String(i).padStart(5, '0')}`);

    let killed = false;
    const first = await fire(call, orgId, programId, keys, (n) => {
      if (!killed && n >= KILL_AFTER) { killed = true; server.kill('SIGKILL'); }
    });
    await server.exited;
    const acknowledged = new Set(first);

    server = startServer(port, env);
    await waitHealthy(base, server);
    call = client(base, await login(base)); // sessions live in the database, but a fresh login keeps the test honest
    for (let round = 0; round < 5 && acknowledged.size < N; round++) {
      const rest = keys.filter((k) => !acknowledged.has(k));
      for (const k of await fire(call, orgId, programId, rest)) acknowledged.add(k);
    }
    server.kill('SIGTERM');
    await server.exited;

    const counts = new Map((await countByKey(engine, target, programId)).map((r) => [r.k, r.n]));
    const lost = [...acknowledged].filter((k) => !counts.has(k)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    console.log(`CRASH engine=${engine} acknowledged=${first.size} lost=${lost} duplicated=${duplicated} retried=${N - first.size} total=${acknowledged.size}`);
    return lost === 0 && duplicated === 0 && acknowledged.size === N;
  } finally {
    if (pg) await pg.stop();
    else fs.rmSync(target, { recursive: true, force: true });
    if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
  }
}

const engines = opt('engine', 'both') === 'both' ? ['postgres', 'pglite'] : [opt('engine')];
let ok = true;
for (const e of engines) ok = (await runOnce(e)) && ok;
process.exit(ok ? 0 : 1);
