#!/usr/bin/env node
// `npm test`: every test, in order of cost — type check; unit + integration on PGlite; integration on a
// throwaway PostgreSQL server; end-to-end in Chromium. Stops at the first failing stage and exits non-zero.
// `--only reliability` runs only the reliability suite (grows with issue 9).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './pg-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const totals = { passed: 0, failed: 0 };

function run(title, cmd, cmdArgs, env = {}) {
  console.log(`\n=== ${title} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  const out = r.stdout?.toString() ?? '';
  process.stdout.write(out);
  // Vitest's summary line: "Tests  12 passed | 1 failed (13)"
  const clean = out.replace(/\x1b\[[0-9;]*m/g, '');
  const line = clean.split('\n').find((l) => /^\s*Tests\s+/.test(l));
  if (line) {
    totals.passed += Number(/(\d+) passed/.exec(line)?.[1] ?? 0);
    totals.failed += Number(/(\d+) failed/.exec(line)?.[1] ?? 0);
  }
  console.log(`--- ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (r.status !== 0) throw new Error(`stage failed: ${title}`);
}

function finish(code) {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/** Issue 9's proofs, on both engines: access matrix, duties, uploads, fuzzing, audit, backup, idempotency, concurrent edits, accounts, crypto. */
const RELIABILITY = [
  'scope-matrix', 'separation-of-duties', 'xlsx-upload-safety', 'fuzz', 'audit', 'audit-hmac-sm3', 'backup', 'records-workflow', 'attendance',
  'concurrent-edits', 'evidence', 'auth', 'totp', 'security-headers', 'personal-data',
].map((f) => `packages/server/test/${f}.test.ts`).concat('packages/server/src/crypto/sm.test.ts');

async function main() {
if (only === 'reliability') {
  const pg = await startPostgres();
  try {
    run('reliability (PGlite)', process.execPath, [vitest, 'run', ...RELIABILITY], { TEST_ENGINE: 'pglite' });
    run('reliability (PostgreSQL)', process.execPath, [vitest, 'run', ...RELIABILITY], { TEST_ENGINE: 'postgres', TEST_PG_URL: pg.url });
  } finally {
    await pg.stop();
  }
  run('crash safety (SIGKILL mid-load, both engines)', process.execPath, [path.join(root, 'scripts/reliability/crash.mjs'), '--engine', 'both', '--n', '1000']);
  run('stored XSS (Chromium)', process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts', 'packages/web/e2e/xss.e2e.ts']);
  return;
}

for (const p of ['domain', 'contracts', 'server', 'web']) run(`type check ${p}`, process.execPath, [tsc, '-p', `packages/${p}`]);
run('unit + integration (PGlite)', process.execPath, [vitest, 'run'], { TEST_ENGINE: 'pglite' });
const pg = await startPostgres();
try {
  run('integration (PostgreSQL)', process.execPath, [vitest, 'run', 'packages/server/test'], { TEST_ENGINE: 'postgres', TEST_PG_URL: pg.url });
} finally {
  await pg.stop();
}
run('end-to-end (Chromium)', process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts']);
}


main().then(() => finish(0), (err) => {
  console.error(`\n${err.message}`);
  finish(1);
});
