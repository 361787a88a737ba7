import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('settings', () => {
  it('has defaults: port 3000, ./data, embedded database', () => {
    const c = loadConfig({}, {});
    expect(c.port).toBe(3000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
  });
  it('flags win over the environment', () => {
    expect(loadConfig({ port: '4000' }, { PORT: '5000' }).port).toBe(4000);
    expect(loadConfig({}, { PORT: '5000', DATA_DIR: '/tmp/x' })).toMatchObject({ port: 5000, dataDir: '/tmp/x' });
  });
  it('refuses bad values with a clear Chinese message', () => {
    expect(() => loadConfig({}, { PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { PORT: '70000' })).toThrow(/PORT 应在 1–65535 之间/);
    expect(() => loadConfig({}, { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL 必须以 postgres/);
  });
  it('object storage needs all four settings, or none', () => {
    expect(() => loadConfig({}, { S3_ENDPOINT: 'http://minio:9000' })).toThrow(/须同时设置 S3_ENDPOINT、S3_BUCKET/);
    const c = loadConfig({}, { S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' });
    expect(c).toMatchObject({ s3Endpoint: 'http://minio:9000', s3Bucket: 'evidence', s3Region: 'us-east-1' });
  });
});
