import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { localDiskStore } from './local-disk-store';
import { ObjectNotFoundError } from './object-store';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tj-store-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('local disk object store', () => {
  const store = localDiskStore(root);

  it('puts, reads back as a stream, deletes', async () => {
    await store.put('evidence/1/a.bin', Buffer.from('证据'));
    expect(await store.exists('evidence/1/a.bin')).toBe(true);
    expect(await text(await store.get('evidence/1/a.bin'))).toBe('证据');
    expect(fs.readdirSync(path.join(root, 'evidence/1'))).toEqual(['a.bin']); // no temp file left behind
    await store.delete('evidence/1/a.bin');
    await store.delete('evidence/1/a.bin'); // idempotent
    expect(await store.exists('evidence/1/a.bin')).toBe(false);
    await expect(store.get('evidence/1/a.bin')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses keys that could leave its root', async () => {
    await expect(store.put('../outside', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    await expect(store.exists('/etc/passwd')).rejects.toThrow(/invalid storage key/);
  });
});
