#!/usr/bin/env node
// A throwaway PostgreSQL server for tests: initdb + pg_ctl in a temporary folder, reachable only through
// a unix socket in that folder, stopped and removed afterwards (also when the test run crashes).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findBin(name) {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    for (const v of fs.readdirSync(base).filter((x) => /^\d+$/.test(x)).sort((a, b) => Number(b) - Number(a))) {
      const p = path.join(base, v, 'bin', name);
      if (fs.existsSync(p)) return p;
    }
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  } catch { /* no pg_config */ }
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  throw new Error(`PostgreSQL server binaries not found (${name}): apt-get install postgresql`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const isRoot = process.getuid?.() === 0;
// initdb refuses to run as root: as root, the server runs as the `postgres` user in a folder it owns.
function runPg(cmd, args, log) {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} failed (${r.status}): ${r.stderr || r.stdout}`);
  log?.(r.stdout);
}

export async function startPostgres({ log } = {}) {
  // short path: unix socket paths are limited to ~100 bytes
  const dir = fs.mkdtempSync('/tmp/tjpg-');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    runPg(findBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], log);
  } catch {
    fs.rmSync(data, { recursive: true, force: true });
    runPg(findBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], log);
  }
  const opts = `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB`;
  runPg(findBin('pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start'], log);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      runPg(findBin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const onExit = () => { try { if (!stopped) { stopped = true; runPg(findBin('pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']); fs.rmSync(dir, { recursive: true, force: true }); } } catch { /* best effort */ } };
  process.once('exit', onExit);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { onExit(); process.exit(130); });
  return { url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`, stop, dir };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes('--selftest')) {
  const { default: pg } = await import('pg');
  const server = await startPostgres();
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  console.log((await client.query('select version()')).rows[0].version);
  await client.end();
  await server.stop();
}
