import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { assertKey, ObjectNotFoundError, type ObjectStore } from './object-store';
import { EMPTY_PAYLOAD_HASH, encodeRfc3986, payloadHashOf, signRequest, type Credentials } from './sigv4';

export interface S3Config extends Credentials {
  /** e.g. http://minio.internal:9000 — path-style addressing, so any S3-compatible server works. */
  endpoint: string;
  bucket: string;
}

/**
 * Evidence in an S3-compatible bucket instead of on local disk (for several app servers, or a city's
 * object storage). The bucket stays private: every download still goes through our routes and their
 * scope check, so no presigned URL is ever handed out.
 */
export function s3Store(config: S3Config, now: () => Date = () => new Date()): ObjectStore {
  const base = config.endpoint.replace(/\/+$/, '');
  const urlOf = (key: string) => {
    assertKey(key);
    return new URL(`${base}/${encodeRfc3986(config.bucket, false)}/${encodeRfc3986(key, true)}`);
  };
  async function send(method: string, key: string, body?: Buffer) {
    const url = urlOf(key);
    const headers = signRequest({ method, url, payloadHash: body ? payloadHashOf(body) : EMPTY_PAYLOAD_HASH, now: now(), credentials: config });
    return fetch(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) }, body: body ? new Uint8Array(body) : undefined });
  }
  const fail = async (what: string, key: string, res: Response) => {
    const text = await res.text().catch(() => '');
    return new Error(`对象存储${what}失败（${res.status}）：${key} ${(/<Code>(.*?)<\/Code>/.exec(text)?.[1]) ?? ''}`);
  };
  return {
    async put(key, body) {
      const res = await send('PUT', key, body);
      if (!res.ok) throw await fail('写入', key, res);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await send('GET', key);
      if (res.status === 404) { await res.arrayBuffer(); throw new ObjectNotFoundError(key); }
      if (!res.ok || !res.body) throw await fail('读取', key, res);
      return Readable.fromWeb(res.body as unknown as WebReadableStream);
    },
    async delete(key) {
      const res = await send('DELETE', key);
      if (!res.ok && res.status !== 404) throw await fail('删除', key, res);
      await res.arrayBuffer();
    },
    async exists(key) {
      const res = await send('HEAD', key);
      if (res.status === 404) return false;
      if (!res.ok) throw await fail('查询', key, res);
      return true;
    },
  };
}
