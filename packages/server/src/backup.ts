import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** The newest PostgreSQL client tools on this machine: pg_dump must be at least as new as the server. */
export function pgBinary(name: string): string {
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(base, v, 'bin', name);
      if (fs.existsSync(p)) return p;
    }
  }
  return name;
}

function run(cmd: string, args: string[], io: { stdout?: number; stdin?: number }) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [io.stdin ?? 'ignore', io.stdout ?? 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} 退出码 ${code}`))));
  });
}

/** PostgreSQL: a plain pg_dump script. PGlite: a tarball of its data folder, taken through PGlite itself so it is consistent. */
export async function backup(target: { databaseUrl?: string; pgliteDir: string }, file: string) {
  if (target.databaseUrl) {
    const fd = fs.openSync(file, 'w');
    try {
      await run(pgBinary('pg_dump'), ['--no-owner', '--no-privileges', '--format=plain', `--dbname=${target.databaseUrl}`], { stdout: fd });
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  if (!fs.existsSync(path.join(target.pgliteDir, 'PG_VERSION'))) throw new Error(`数据目录 ${target.pgliteDir} 中没有数据库`);
  const db = await PGlite.create(target.pgliteDir, { extensions: { pg_trgm } });
  try {
    const blob = await db.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await db.close();
  }
}

/** Restores into an empty database: refuses to overwrite one that already holds data. */
export async function restore(target: { databaseUrl?: string; pgliteDir: string }, file: string, isEmpty: () => Promise<boolean>) {
  if (!fs.existsSync(file)) throw new Error(`备份文件 ${file} 不存在`);
  if (target.databaseUrl) {
    if (!(await isEmpty())) throw new Error('目标数据库不是空的，拒绝覆盖');
    const fd = fs.openSync(file, 'r');
    try {
      await run(pgBinary('psql'), ['--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', `--dbname=${target.databaseUrl}`], { stdin: fd, stdout: 1 });
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  if (fs.existsSync(path.join(target.pgliteDir, 'PG_VERSION'))) throw new Error(`数据目录 ${target.pgliteDir} 已有数据库，拒绝覆盖`);
  fs.mkdirSync(target.pgliteDir, { recursive: true });
  const blob = new Blob([fs.readFileSync(file)]);
  const db = await PGlite.create(target.pgliteDir, { loadDataDir: blob, extensions: { pg_trgm } });
  await db.close();
}
