import path from 'node:path';
import { z } from 'zod';

const Port = z.coerce.number({ error: 'PORT 必须是数字' }).int().min(1, { error: 'PORT 应在 1–65535 之间' }).max(65535, { error: 'PORT 应在 1–65535 之间' });

const ConfigSchema = z.object({
  port: Port.default(3000),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头' })
    .optional(),
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(30),
  sessionAbsoluteHours: z.coerce.number().int().min(1).max(24 * 7).default(12),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  secureCookies: z.coerce.boolean().default(false),
  /** 等保2.0: the administrators' second factor; `optional` only for demos and trials. */
  adminTotp: z.enum(['required', 'optional'], { error: 'TUANJIAN_ADMIN_TOTP 应为 required 或 optional' }).default('required'),
  /** Evidence in an S3-compatible bucket instead of DATA_DIR/evidence when all four are set. */
  s3Endpoint: z.string().regex(/^https?:\/\//, { error: 'S3_ENDPOINT 必须以 http:// 或 https:// 开头' }).optional(),
  s3Bucket: z.string().min(3).max(63).optional(),
  s3AccessKeyId: z.string().min(1).optional(),
  s3SecretAccessKey: z.string().min(1).optional(),
  s3Region: z.string().min(1).default('us-east-1'),
}).refine((c) => [c.s3Endpoint, c.s3Bucket, c.s3AccessKeyId, c.s3SecretAccessKey].every((v) => v === undefined) || [c.s3Endpoint, c.s3Bucket, c.s3AccessKeyId, c.s3SecretAccessKey].every((v) => v !== undefined), {
  error: '使用对象存储须同时设置 S3_ENDPOINT、S3_BUCKET、S3_ACCESS_KEY_ID 和 S3_SECRET_ACCESS_KEY', path: ['s3Endpoint'],
});
export type Config = z.infer<typeof ConfigSchema> & { evidenceDir: string; pgliteDir: string };

export type ConfigInput = Partial<Record<keyof z.input<typeof ConfigSchema>, unknown>>;

export class ConfigError extends Error {}

/** Flags win over the environment; the environment wins over defaults. Empty strings count as unset. */
export function loadConfig(flags: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const pick = (flag: unknown, envName: string) => {
    if (flag !== undefined && flag !== '') return flag;
    const v = env[envName];
    return v === undefined || v === '' ? undefined : v;
  };
  const parsed = ConfigSchema.safeParse({
    port: pick(flags.port, 'PORT'),
    host: pick(flags.host, 'HOST'),
    dataDir: pick(flags.dataDir, 'DATA_DIR'),
    databaseUrl: pick(flags.databaseUrl, 'DATABASE_URL'),
    sessionIdleMinutes: pick(flags.sessionIdleMinutes, 'SESSION_IDLE_MINUTES'),
    sessionAbsoluteHours: pick(flags.sessionAbsoluteHours, 'SESSION_ABSOLUTE_HOURS'),
    logLevel: pick(flags.logLevel, 'LOG_LEVEL'),
    secureCookies: pick(flags.secureCookies, 'SECURE_COOKIES'),
    adminTotp: pick(flags.adminTotp, 'TUANJIAN_ADMIN_TOTP'),
    s3Endpoint: pick(undefined, 'S3_ENDPOINT'),
    s3Bucket: pick(undefined, 'S3_BUCKET'),
    s3AccessKeyId: pick(undefined, 'S3_ACCESS_KEY_ID'),
    s3SecretAccessKey: pick(undefined, 'S3_SECRET_ACCESS_KEY'),
    s3Region: pick(undefined, 'S3_REGION'),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '配置'}: ${i.message}`);
    throw new ConfigError(`配置无效：\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(parsed.data.dataDir);
  return { ...parsed.data, dataDir, evidenceDir: path.join(dataDir, 'evidence'), pgliteDir: path.join(dataDir, 'pglite') };
}
