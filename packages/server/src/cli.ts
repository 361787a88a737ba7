import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig, ConfigError, type ConfigInput } from './config';
import { backup, restore } from './backup';
import { openDatabase } from './db/open';
import { openPglite, openPostgres } from './db/client';
import { migrate } from './db/migrate';
import { verifyAuditChain } from './audit/verify';
import { importDivisions } from './features/orgs/divisions.import';
import { validateDivisionCodes } from './features/orgs/divisions.source';
import { importOrgs } from './features/orgs/orgs.import';
import { findOrgByCode } from './features/orgs/orgs.queries';
import { createUserAsSystem } from './features/users/users.service';
import { readTable } from './files/tabular';
import { progressReporter } from './progress';
import { serve } from './serve';
import { SYSTEM_ACTOR, systemContext } from './system-actor';
import { generatePassword } from './bootstrap';

const program = new Command('tuanjian').description('团建：基层团组织建设工作平台');
const dbOptions = (c: Command) => c
  .option('--data-dir <dir>', '数据目录（默认 ./data，环境变量 DATA_DIR）')
  .option('--database-url <url>', 'PostgreSQL 连接串（环境变量 DATABASE_URL；不设则使用内置 PGlite）');
const configFrom = (o: Record<string, unknown>) => loadConfig({ dataDir: o.dataDir, databaseUrl: o.databaseUrl, port: o.port } as ConfigInput);

async function withDatabase<T>(o: Record<string, unknown>, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) {
  const database = await openDatabase(configFrom(o));
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

dbOptions(program.command('serve').description('启动 Web 界面和 API'))
  .option('--port <port>', '端口（默认 3000，环境变量 PORT）')
  .option('--demo', '空数据库时载入演示组织树和演示账号')
  .action(async (o) => { await serve(configFrom(o), { demo: Boolean(o.demo) }); });

dbOptions(program.command('migrate').description('执行数据库迁移')).action(async (o) => {
  const c = configFrom(o);
  const database = c.databaseUrl ? await openPostgres(c.databaseUrl) : await openPglite(c.pgliteDir);
  const applied = await migrate(database, (v) => console.log(`已执行迁移 ${v}`));
  console.log(applied.length ? `完成，共 ${applied.length} 个迁移` : '数据库已是最新');
  await database.close();
});

const admin = program.command('admin').description('账户管理');
dbOptions(admin.command('create').description('创建管理员（系统管理员、安全管理员或审计管理员）'))
  .requiredOption('--username <name>', '用户名')
  .option('--role <role>', '角色：administrator（系统管理员）、security_admin（安全管理员）、audit_admin（审计管理员）', 'administrator')
  .option('--password <password>', '密码（不给则随机生成并显示一次）')
  .option('--org <code>', '所属组织编码（默认全国根组织）', 'CYLC')
  .action(async (o) => withDatabase(o, async (database) => {
    const org = await findOrgByCode(database.db, o.org);
    if (!org) throw new Error(`组织编码 ${o.org} 不存在`);
    if (!['administrator', 'security_admin', 'audit_admin'].includes(o.role)) throw new ConfigError('--role 应为 administrator、security_admin 或 audit_admin');
    const password = o.password ?? generatePassword();
    await createUserAsSystem(database.db, systemContext(), { username: o.username, displayName: o.username, role: o.role, orgId: org.id, password });
    console.log(`已创建管理员 ${o.username}${o.password ? '' : `，密码：${password}`}`);
  }));

const orgsCmd = program.command('orgs').description('组织架构');
dbOptions(orgsCmd.command('import <file>').description('从 xlsx/csv 导入组织（全部成功或全部不导入）'))
  .option('--mapping <json>', '列映射 JSON，如 {"code":"组织编码"}')
  .option('--dry-run', '只校验，不写入')
  .action(async (file: string, o) => withDatabase(o, async (database) => {
    const table = await readTable(fs.readFileSync(file));
    const bar = progressReporter();
    const res = await importOrgs(database, systemContext(), SYSTEM_ACTOR, table, o.mapping ? JSON.parse(o.mapping) : {}, Boolean(o.dryRun),
      (f) => bar.update('导入', Math.round(f * 100), 100));
    bar.stop();
    for (const e of res.errors) console.error(`第 ${e.row} 行${e.field ? ` [${e.field}]` : ''}：${e.message}`);
    console.log(res.errors.length ? `有 ${res.errors.length} 处错误，未导入任何数据` : `新增 ${res.created}，更新 ${res.updated}${o.dryRun ? '（试运行，未写入）' : ''}`);
    if (res.errors.length) process.exitCode = 1;
  }));

dbOptions(orgsCmd.command('from-divisions [codes...]').description('按 GB/T 2260 行政区划建立团委组织树（省/市/县代码；不给则全国）'))
  .action(async (codes: string[], o) => {
    const problem = validateDivisionCodes(codes);
    if (problem) throw new ConfigError(problem);
    await withDatabase(o, async (database) => {
      const bar = progressReporter();
      const r = await importDivisions(database, systemContext(), codes, (p, d, t) => bar.update(p, d, t));
      bar.stop();
      console.log(`行政区划 ${r.divisions} 个；新增组织 ${r.created}，更新 ${r.updated}；用时 ${r.seconds.toFixed(1)} 秒（${database.engine}）`);
    });
  });

dbOptions(program.command('backup <file>').description('备份：PostgreSQL 为 pg_dump 脚本，PGlite 为数据目录压缩包')).action(async (file: string, o) => {
  await backup(configFrom(o), file);
  console.log(`已备份到 ${file}`);
});
dbOptions(program.command('restore <file>').description('恢复到空数据库')).action(async (file: string, o) => {
  const c = configFrom(o);
  await restore(c, file, async () => {
    const database = await openPostgres(c.databaseUrl!);
    try {
      const rows = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      return rows[0]?.n === 0;
    } finally {
      await database.close();
    }
  });
  console.log(`已从 ${file} 恢复`);
});

const auditCmd = program.command('audit').description('审计日志');
dbOptions(auditCmd.command('verify').description('校验审计日志哈希链')).action(async (o) => withDatabase(o, async (database) => {
  const r = await verifyAuditChain(database.db);
  console.log(r.ok ? `审计链完整，共 ${r.checked} 条${r.unkeyed ? `（其中最早 ${r.unkeyed} 条写于启用 HMAC-SM3 之前，仅以 SHA-256 校验）` : ''}` : `审计链在第 ${r.brokenAt} 条处断裂（已校验 ${r.checked} 条）`);
  if (!r.ok) process.exitCode = 2;
}));

program.parseAsync().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : `错误：${err.message}`);
  process.exit(1);
});
