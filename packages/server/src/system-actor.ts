import type { AuditContext } from './audit/audit';
import type { Actor } from './auth/policy';
import { ROOT_ORG_ID } from './features/orgs/divisions.import';

/** The command line acts as an administrator over the whole tree; its audit rows name it "cli". */
export const SYSTEM_ACTOR: Actor = { userId: 0, username: 'cli', displayName: '命令行', role: 'administrator', orgId: ROOT_ORG_ID, orgPath: '/1/' };

export function systemContext(name = 'cli'): AuditContext {
  return { actorId: null, actorName: name, requestId: null, now: () => new Date() };
}
