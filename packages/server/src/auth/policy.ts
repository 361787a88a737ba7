import { ACTIONS, type Action, type Role } from '@tuanjian/contracts';
import type { SQL, AnyColumn } from 'drizzle-orm';
import { inSubtreeSql } from '../db/subtree';
import { ForbiddenError, NotFoundError } from '../http/errors';

/**
 * The one place that decides who may do what. Routes call `authorize`; queries embed `inScopeSql`
 * so that rows outside the caller's subtree are never loaded at all.
 */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgPath: string;
}

/** The security administrator's and the audit administrator's work: no other role may do it. */
const ACCOUNT_ACTIONS: readonly Action[] = ['user.manage'];
const AUDIT_ACTIONS: readonly Action[] = ['audit.read'];

/**
 * 三权分立 per GB/T 22239-2019 (等保2.0, level 3, 访问控制 and 安全管理中心):
 * - administrator (系统管理员): the org tree, templates, programs and all business work; sees who has an account
 *   but cannot create, change, unlock or re-role one, and cannot read the audit log;
 * - security_admin (安全管理员): accounts, passwords, locks, roles and second factors. It places an account in an
 *   org, so it reads the tree's skeleton (org.tree: roots, children, search by name or code) and nothing behind it —
 *   no org details (leaders' mobiles), people, programs, records, forms or evidence; account mobiles stay masked
 *   (no mobile.view);
 * - audit_admin (审计管理员): reads, verifies and exports the audit log, nothing else — not even the tree: an audit
 *   row names its object by type and id, and the before/after it carries is all the business it needs to see.
 */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  administrator: ACTIONS.filter((a) => !ACCOUNT_ACTIONS.includes(a) && !AUDIT_ACTIONS.includes(a)),
  security_admin: ['org.tree', 'user.read', ...ACCOUNT_ACTIONS],
  audit_admin: [...AUDIT_ACTIONS],
  manager: ['org.tree', 'org.read', 'org.create', 'org.update', 'org.restructure', 'org.import', 'org.export', 'user.read', 'mobile.view',
    'program.create', 'nomination.create', 'nomination.decide', 'record.create', 'record.verify', 'target.manage', 'task.update',
    'form.submit', 'form.approve', 'assessment.adjust'],
  reporter: ['org.tree', 'org.read', 'org.export', 'nomination.create', 'record.create', 'task.update', 'form.submit'],
  viewer: ['org.tree', 'org.read', 'org.export'],
};

export function can(actor: Actor, action: Action): boolean {
  return ROLE_ACTIONS[actor.role].includes(action);
}

export function abilitiesOf(actor: Actor): Action[] {
  return [...ROLE_ACTIONS[actor.role]];
}

export function inScope(actor: Actor, path: string): boolean {
  return path.startsWith(actor.orgPath);
}

/** SQL condition: the path column lies in the actor's subtree (one index range scan). */
export function inScopeSql(actor: Actor, pathColumn: AnyColumn | SQL): SQL {
  return inSubtreeSql(pathColumn, actor.orgPath);
}

/**
 * Throws unless the actor may perform `action` on an object in the subtree at `targetPath`.
 * Out of scope answers "not found" so that a probe learns nothing about other counties.
 */
export function authorize(actor: Actor, action: Action, targetPath?: string | null): void {
  if (targetPath !== undefined && (targetPath === null || !inScope(actor, targetPath))) throw new NotFoundError();
  if (!can(actor, action)) throw new ForbiddenError();
}

/** 等保2.0: who administers the system signs in with a second factor; for everyone else it is a choice. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['administrator', 'security_admin', 'audit_admin'];
export function secondFactorRequired(role: Role, setting: 'required' | 'optional' = 'required'): boolean {
  return setting === 'required' && SECOND_FACTOR_ROLES.includes(role);
}

/** Ranking used so nobody grants a role above their own; the security administrator, who alone manages accounts, grants all. */
const ROLE_RANK: Record<Role, number> = { administrator: 3, security_admin: 3, audit_admin: 3, manager: 2, reporter: 1, viewer: 0 };
export function canGrantRole(actor: Actor, role: Role): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[actor.role];
}
