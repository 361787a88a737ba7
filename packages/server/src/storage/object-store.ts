import type { Readable } from 'node:stream';

/**
 * Where uploaded files live, addressed by an opaque key such as `evidence/2026/3f…e1`.
 * The database keeps the key and everything we know about the file; the store keeps only bytes.
 *
 * The local-disk store below is the default. An S3-compatible store (MinIO, OSS, COS …) implements the
 * same four calls with PutObject / GetObject (Body as a stream) / DeleteObject / HeadObject against one
 * bucket, the key used unchanged as the object key; it would be chosen in serve.ts from configuration
 * (endpoint, bucket, credentials) instead of `localDiskStore(config.evidenceDir)`. Nothing else changes:
 * services never see paths, and downloads always go through our routes (scope check first), so the
 * bucket stays private and no presigned URLs are handed out.
 */
export interface ObjectStore {
  /** Stores the bytes under `key`; a reader never sees a half-written object. */
  put(key: string, body: Buffer): Promise<void>;
  /** The bytes as a stream; throws `ObjectNotFoundError` when the key holds nothing. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing key is not an error (deletes are retried after commits). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class ObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`object not found: ${key}`);
  }
}

/** Keys are ours, never user input; the check keeps a bug from ever reaching outside the store's root. */
export function assertKey(key: string): void {
  if (!/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i.test(key) || key.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`invalid storage key: ${key}`);
  }
}
