#!/usr/bin/env node
// `npm start`: builds the web UI when it is missing or older than its sources, then serves UI + API
// with demo data. Several instances can start side by side (PORT, DATA_DIR): the build goes to a
// private folder and is renamed into place, so concurrent builds never see half a dist.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const dist = path.join(web, 'dist');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function webIsStale() {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return true;
  const sources = Math.max(newestMtime(path.join(web, 'src')), newestMtime(path.join(root, 'packages/contracts/src')), fs.statSync(path.join(web, 'index.html')).mtimeMs);
  return sources > fs.statSync(index).mtimeMs;
}

if (webIsStale()) {
  const tmp = path.join(web, `dist-build-${process.pid}`);
  console.log('正在构建 Web 界面…');
  // NODE_ENV=test (set by a test runner that starts us) would build React and antd in test mode: antd then
  // labels every drawer and modal with the fixed id "test-id", and dialogs lose their accessible names.
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error('Web 界面构建失败');
    process.exit(1);
  }
  const old = path.join(web, `dist-old-${process.pid}`);
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  try {
    fs.renameSync(tmp, dist);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another instance won the race; its build is as good
  }
  fs.rmSync(old, { recursive: true, force: true });
}

const child = spawn(process.execPath, [path.join(root, 'packages/server/bin/tuanjian.mjs'), 'serve', '--demo', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
