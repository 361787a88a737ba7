import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '@tuanjian/domain';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { programTemplates } from '../programs/programs.table';

export const BUILTIN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../templates');

export const sourceHash = (source: string) => createHash('sha256').update(source).digest('hex');

/**
 * Registers the repository's built-in templates (templates/*.yaml). A template already stored under
 * its key and version is left alone when unchanged; a changed file with the same version is an error,
 * because programs already instantiated from that version must keep meaning what they meant.
 */
export async function registerBuiltinTemplates(db: Db, dir = BUILTIN_DIR): Promise<number> {
  let added = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const parsed = parseTemplate(source);
    if (!parsed.ok) throw new Error(`内置模板 ${file} 无效：${parsed.errors.map((e) => `第 ${e.line ?? '?'} 行 ${e.path} ${e.message}`).join('；')}`);
    const t = parsed.template;
    const existing = (await db.select().from(programTemplates).where(and(eq(programTemplates.key, t.id), eq(programTemplates.version, t.version))))[0];
    if (existing) {
      if (existing.sourceHash !== sourceHash(source)) throw new Error(`内置模板 ${file} 已修改但版本号仍为 ${t.version}：请提高 version`);
      continue;
    }
    await db.insert(programTemplates).values({ key: t.id, version: t.version, name: t.name, source, sourceHash: sourceHash(source), definition: t, builtin: true });
    added++;
  }
  return added;
}
