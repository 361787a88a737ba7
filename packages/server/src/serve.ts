import type { Config } from './config';
import { ensureAdministrator, generatePassword } from './bootstrap';
import { openDatabase } from './db/open';
import { loadDemo } from './demo/demo-data';
import { buildApp } from './http/app';
import { progressReporter } from './progress';
import { registerBuiltinTemplates } from './features/templates/builtin';
import { localDiskStore } from './storage/local-disk-store';
import { s3Store } from './storage/s3-store';
import { scheduleDailySnapshots } from './features/targets/snapshot.job';

export async function serve(config: Config, opts: { demo: boolean }) {
  const database = await openDatabase(config);
  await registerBuiltinTemplates(database.db);
  const password = process.env.TUANJIAN_ADMIN_PASSWORD || generatePassword();
  const admin = await ensureAdministrator(database, password);
  if (admin) {
    // Printed once: only its argon2id hash is kept.
    process.stdout.write(`\n==== 已创建管理员（三权分立）====\n系统管理员 admin、安全管理员 secadmin、审计管理员 auditadmin\n初始密码：${admin.password}\n首次登录须绑定动态口令，并请立即修改密码。此密码不会再次显示。\n\n`);
  }
  if (opts.demo && admin) {
    const bar = progressReporter();
    const demo = await loadDemo(database, password, (p, d, t) => bar.update(p, d, t));
    bar.stop();
    if (demo) process.stdout.write(`演示数据已载入：${demo.created} 个组织（${demo.seconds.toFixed(1)} 秒）。演示账号 gd_manager、mz_manager、mx_manager、mx_reporter、qz_viewer 的密码同上。\n`);
  }
  const storage = config.s3Endpoint && config.s3Bucket && config.s3AccessKeyId && config.s3SecretAccessKey
    ? s3Store({ endpoint: config.s3Endpoint, bucket: config.s3Bucket, accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey, region: config.s3Region })
    : localDiskStore(config.evidenceDir);
  const app = await buildApp({ database, config, storage });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const stopSnapshots = scheduleDailySnapshots(database, (err) => app.log.error({ err }, 'daily target snapshot failed'));
  app.addHook('onClose', async () => stopSnapshots());
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`团建已启动：http://localhost:${config.port}/  （数据库：${database.engine === 'pglite' ? `PGlite ${config.pgliteDir}` : 'PostgreSQL'}）\n`);
  return app;
}
