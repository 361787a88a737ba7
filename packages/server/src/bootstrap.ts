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

/**
 * On an empty database: the three administrators of 三权分立 over the whole tree — `admin` (系统管理员),
 * `secadmin` (安全管理员, the only one who manages accounts) and `auditadmin` (审计管理员). They share the
 * first password, printed once and never stored in clear; each changes it at first sign-in.
 */
export const FIRST_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'administrator' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'audit_admin' },
] as const;

export async function ensureAdministrator(database: Database, password = process.env.TUANJIAN_ADMIN_PASSWORD || generatePassword()) {
  const count = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((count[0]?.n ?? 0) > 0) return null;
  for (const a of FIRST_ACCOUNTS) {
    await createUserAsSystem(database.db, systemContext('bootstrap'), { ...a, orgId: ROOT_ORG_ID, password });
  }
  return { username: 'admin', usernames: FIRST_ACCOUNTS.map((a) => a.username), password };
}
