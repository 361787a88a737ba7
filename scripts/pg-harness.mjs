#!/usr/bin/env node
// A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temporary folder, reachable only through
// a unix socket in that folder, stopped and removed afterwards (also when the test run crashes or is
// interrupted). Plain Node, no dependencies except `pg` for createDatabase and the self-test.
//
//   const { url, stop } = await startPostgres({ log: console.log });
//   const dbUrl = await createDatabase(url, 't_1234');   // same server, another database
//   await stop();
//
//   node scripts/pg-harness.mjs --selftest             // start, `select version()`, stop
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folder holding initdb/pg_ctl: highest /usr/lib/postgresql/N/bin, else `pg_config --bindir`, else PATH. */
function findBinDir() {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((x) => /^\d+(\.\d+)?$/.test(x)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = path.join(base, v, 'bin');
      if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
    }
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  } catch { /* no pg_config */ }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin, `pg_config --bindir` or PATH. ' +
      'Install them with: apt-get install postgresql',
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/**
 * A short parent folder for the temporary directory. The socket file is `<dir>/.s.PGSQL.<port>` and unix
 * socket paths are limited to 107 bytes (sun_path), so a long $TMPDIR (macOS, CI runners) would make the
 * server fail to start; the path also ends up unquoted in pg_ctl's `-o` and must be readable by the
 * `postgres` user when we run as root. Falls back to /tmp when os.tmpdir() does not fit.
 */
function tempParent() {
  const t = os.tmpdir();
  const fits = t.length + '/tjpg-XXXXXX/.s.PGSQL.65535'.length <= 100 && /^[A-Za-z0-9/._-]+$/.test(t);
  let worldTraversable = true;
  if (isRoot()) {
    try { worldTraversable = (fs.statSync(t).mode & 0o001) !== 0; } catch { worldTraversable = false; }
  }
  return fits && worldTraversable ? t : '/tmp';
}

// runuser lives in /usr/sbin, which a root shell's PATH may lack (e.g. PATH=/usr/bin:/bin).
const runuser = () => ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => fs.existsSync(p)) ?? 'runuser';

/** Runs a PostgreSQL tool; as root through `runuser -u postgres` (initdb refuses to run as root). */
function runPg(cmd, args, { cwd, log } = {}) {
  const [file, argv] = isRoot() ? [runuser(), ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  // cwd: the postgres user may not be allowed into the caller's working directory (e.g. /root/...).
  const r = spawnSync(file, argv, { encoding: 'utf8', cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${path.basename(cmd)} could not run: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${path.basename(cmd)}${args[0] && !args[0].startsWith('-') ? ` ${args[0]}` : ''} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`);
  }
  if (log && r.stdout.trim()) log(r.stdout.trim());
  return r;
}

// Servers still running, stopped synchronously on exit / SIGINT / SIGTERM.
const running = new Set();
let handlersInstalled = false;

function killAll(mode) {
  for (const srv of [...running]) {
    running.delete(srv);
    try { runPg(srv.pgCtl, ['stop', '-D', srv.data, '-m', mode, '-w'], { cwd: srv.dir }); } catch { /* best effort */ }
    try { fs.rmSync(srv.dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
}

function onExit() {
  killAll('immediate');
}

function onSignal(sig) {
  killAll('immediate');
  uninstallHandlers();
  // Re-raise with the default handler so the exit status says "killed by SIGINT/SIGTERM" as usual.
  process.kill(process.pid, sig);
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
}

function uninstallHandlers() {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
}

/**
 * Starts a fresh PostgreSQL cluster in a temporary folder, listening only on a unix socket there.
 * Returns `{ url, stop, dir, port, version }`; `url` is `postgres://postgres@localhost/postgres?host=<dir>&port=<port>`
 * (superuser `postgres`, trust auth). `stop()` shuts the server down and removes the folder.
 */
export async function startPostgres({ log } = {}) {
  const binDir = findBinDir();
  const initdb = path.join(binDir, 'initdb');
  const pgCtl = path.join(binDir, 'pg_ctl');
  const dir = fs.mkdtempSync(path.join(tempParent(), 'tjpg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'log');
  const srv = { dir, data, pgCtl };
  let started = false;
  try {
    if (isRoot()) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root, but there is no `postgres` user');
      fs.chownSync(dir, uid, gid);
    }
    const port = await freePort();
    log?.(`pg-harness: ${binDir}, cluster in ${dir}, socket port ${port}`);

    const initArgs = ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'];
    try {
      runPg(initdb, [...initArgs, '--locale=C.UTF-8'], { cwd: dir, log });
    } catch (err) {
      log?.(`pg-harness: initdb with C.UTF-8 failed, retrying with --locale=C (${err.message.split('\n')[0]})`);
      fs.rmSync(data, { recursive: true, force: true });
      runPg(initdb, [...initArgs, '--locale=C'], { cwd: dir, log });
    }

    const opts =
      `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off ` +
      `-c max_connections=200 -c shared_buffers=256MB`;
    installHandlers();
    running.add(srv);
    try {
      runPg(pgCtl, ['start', '-D', data, '-o', opts, '-l', logFile, '-w', '-t', '60'], { cwd: dir, log });
    } catch (err) {
      let serverLog = '';
      try { serverLog = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-20).join('\n'); } catch { /* no log */ }
      throw new Error(`${err.message}${serverLog ? `\n--- server log (${logFile}) ---\n${serverLog}` : ''}`);
    }
    started = true;

    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      running.delete(srv);
      if (running.size === 0) uninstallHandlers();
      try {
        runPg(pgCtl, ['stop', '-D', data, '-m', 'fast', '-w'], { cwd: dir });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`;
    return { url, stop, dir, port };
  } catch (err) {
    running.delete(srv);
    if (running.size === 0) uninstallHandlers();
    if (!started) {
      try { runPg(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w'], { cwd: dir }); } catch { /* was not running */ }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** node-postgres, from the root node_modules or the server package's. */
async function loadPg() {
  try {
    return (await import('pg')).default;
  } catch {
    const req = createRequire(path.join(root, 'packages/server/package.json'));
    return req('pg');
  }
}

/** Creates database `name` on the server at `url` (an admin URL as from startPostgres); returns its URL. */
export async function createDatabase(url, name) {
  if (typeof name !== 'string' || name.length === 0 || name.length > 63) throw new Error(`bad database name: ${name}`);
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

async function selftest() {
  const pg = await loadPg();
  const server = await startPostgres({ log: (m) => console.error(m) });
  try {
    console.log(`url: ${server.url}`);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('select version() as v, current_setting($1) as fsync, current_setting($2) as mc', ['fsync', 'max_connections']);
    await client.end();
    console.log(rows[0].v);
    if (rows[0].fsync !== 'off' || rows[0].mc !== '200') throw new Error(`server settings not applied: ${JSON.stringify(rows[0])}`);

    const dbUrl = await createDatabase(server.url, 'selftest_db');
    const c2 = new pg.Client({ connectionString: dbUrl });
    await c2.connect();
    const db = (await c2.query('select current_database() as d')).rows[0].d;
    await c2.end();
    if (db !== 'selftest_db') throw new Error(`createDatabase URL connected to ${db}`);
    console.log(`createDatabase: ${dbUrl}`);
  } finally {
    await server.stop();
  }
  if (fs.existsSync(server.dir)) throw new Error(`${server.dir} was not removed`);
  console.log('selftest ok');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--selftest')) {
    selftest().catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
  } else {
    console.error('usage: node scripts/pg-harness.mjs --selftest');
    process.exitCode = 2;
  }
}
