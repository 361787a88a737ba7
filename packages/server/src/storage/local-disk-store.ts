import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertKey, ObjectNotFoundError, type ObjectStore } from './object-store';

/** Files under one directory (DATA_DIR/evidence by default), one file per key. */
export function localDiskStore(root: string): ObjectStore {
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, body) {
      const file = fileOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      // Written beside the target and renamed: a crash leaves a stray temp file, never a truncated object.
      const tmp = `${file}.${randomUUID()}.part`;
      try {
        await fs.promises.writeFile(tmp, body, { flag: 'wx' });
        await fs.promises.rename(tmp, file);
      } catch (err) {
        await fs.promises.rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      const file = fileOf(key);
      // Opened before returning so that a missing file is an error here, not a broken response stream.
      const handle = await fs.promises.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
        throw err.code === 'ENOENT' ? new ObjectNotFoundError(key) : err;
      });
      return handle.createReadStream() as Readable;
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
    async exists(key) {
      return fs.promises.stat(fileOf(key)).then((s) => s.isFile(), () => false);
    },
  };
}
