/**
 * The org tree (X.1) stored as materialized paths: '/1/5/77/' is org 77 under 5 under 1. A whole
 * subtree is then one index range scan, which is how every query is scoped to the caller's orgs.
 */
import type { CivilDate } from './dates';
import type { DateRange } from './periods';

export type OrgId = string | number;

/** An id may not contain '/' (the separator) or be empty; anything else sorts correctly. */
function assertId(id: OrgId): string {
  const text = String(id);
  if (text === '' || text.includes('/')) throw new RangeError(`invalid org id for a path: ${JSON.stringify(text)}`);
  return text;
}

export function isOrgPath(path: string): boolean {
  return /^\/([^/]+\/)+$/.test(path);
}

function assertPath(path: string): void {
  if (!isOrgPath(path)) throw new RangeError(`invalid org path: ${JSON.stringify(path)}`);
}

/** Path of a node; a root (no parent) gets '/id/'. */
export function pathFor(parentPath: string | null | undefined, id: OrgId): string {
  const segment = assertId(id);
  if (parentPath == null || parentPath === '' || parentPath === '/') return `/${segment}/`;
  assertPath(parentPath);
  return `${parentPath}${segment}/`;
}

/** Ids from the root down to the node itself. */
export function pathIds(path: string): string[] {
  assertPath(path);
  return path.slice(1, -1).split('/');
}

export function pathDepth(path: string): number {
  return pathIds(path).length;
}

/** Parent's path; null for a root. */
export function parentPathOf(path: string): string | null {
  const ids = pathIds(path);
  return ids.length <= 1 ? null : `/${ids.slice(0, -1).join('/')}/`;
}

/** Strict: a node is not its own ancestor. The trailing '/' keeps '/1/5/' from claiming '/1/50/'. */
export function isAncestor(ancestorPath: string, path: string): boolean {
  return path.length > ancestorPath.length && path.startsWith(ancestorPath);
}

/** The node itself or any node below it. */
export function isInSubtree(rootPath: string, path: string): boolean {
  return path.startsWith(rootPath);
}

/**
 * Bounds for `path >= lo AND path < hi` (under COLLATE "C", i.e. byte order) that select the
 * node and all its descendants. hi swaps the trailing '/' (0x2F) for '0' (0x30), the next byte
 * up: every descendant continues lo with '/' at that position and so sorts below hi, while a
 * sibling like '/1/50/' has a byte ≥ '0' there and sorts at or above it.
 */
export function subtreeRange(path: string): { lo: string; hi: string } {
  assertPath(path);
  return { lo: path, hi: `${path.slice(0, -1)}0` };
}

/** A node may move anywhere except under itself or one of its descendants (that would be a cycle). */
export function canMove(subjectPath: string, newParentPath: string): boolean {
  assertPath(subjectPath);
  assertPath(newParentPath);
  return !isInSubtree(subjectPath, newParentPath);
}

/**
 * The new path of a node in a moved subtree: the moved root's old path prefix is replaced by its
 * new one. Throws for a path outside the subtree, which would signal a wrong UPDATE scope.
 */
export function rewritePath(oldPrefix: string, newPrefix: string, path: string): string {
  assertPath(oldPrefix);
  assertPath(newPrefix);
  if (!isInSubtree(oldPrefix, path)) throw new RangeError(`${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

export interface OrgLifespan {
  foundedOn?: CivilDate | null;
  /** The first day on which the org no longer exists. */
  dissolvedOn?: CivilDate | null;
}

/**
 * Whether an org is expected to take part in a period: founded on or before the period's last
 * day and not dissolved by its first day. Unknown founding dates mean "has always existed".
 */
export function existsDuring(org: OrgLifespan, period: DateRange): boolean {
  if (org.foundedOn && org.foundedOn > period.end) return false;
  if (org.dissolvedOn && org.dissolvedOn <= period.start) return false;
  return true;
}
