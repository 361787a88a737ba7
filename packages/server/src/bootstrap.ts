import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './db/client';
import { ROOT_ORG_ID } from './features/orgs/divisions.import';
import { createUserAsSystem } from './features/users/users.service';
import { users } from './features/users/users.table';
import { systemContext } from './system-actor';

/** A password that always satisfies the policy: letters of both cases, digits and a symbol. */
export function generatePassword(): string {
  return `Tj-${randomBytes(9).toString('base64url')}-${Math.floor(Math.random() * 90 + 10)}a`;
}

/** On an empty database: one administrator over the whole tree; its password is printed once and never stored in clear. */
export async function ensureAdministrator(database: Database, password = process.env.TUANJIAN_ADMIN_PASSWORD || generatePassword()) {
  const count = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((count[0]?.n ?? 0) > 0) return null;
  await createUserAsSystem(database.db, systemContext('bootstrap'), {
    username: 'admin', displayName: '系统管理员', role: 'administrator', orgId: ROOT_ORG_ID, password,
  });
  return { username: 'admin', password };
}
