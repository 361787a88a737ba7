import { canMove, pathFor, subtreeRange } from '@tuanjian/domain';
import { and, eq, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors';
import { countChildren, findOrgByCode, findOrgInScope, nextOrgIds } from './orgs.queries';
import { orgEvents, orgPaths, orgs, type OrgRow } from './orgs.table';

/**
 * Restructuring is a dated event: the current path history interval of every org in the subtree is
 * closed on the effective date and a new one opened, so reports for earlier periods still roll up
 * over the tree as it stood then.
 */
async function loadForRestructure(tx: Db, actor: Actor, id: number, version: number): Promise<OrgRow> {
  const row = await findOrgInScope(tx, actor, id, true);
  if (!row) throw new NotFoundError();
  authorize(actor, 'org.restructure', row.path);
  if (row.path === actor.orgPath) throw new BadRequestError('不能调整您所在的组织本身，请由上级组织操作');
  if (row.version !== version) throw new ConflictError(`组织“${row.name}”已被他人修改，请刷新后重试`);
  if (row.status === 'dissolved') throw new BadRequestError('该组织已撤销');
  return row;
}

async function assertNotBackdated(tx: Db, row: OrgRow, effectiveOn: string) {
  const res = await tx.select({ from: orgPaths.validFrom }).from(orgPaths)
    .where(and(eq(orgPaths.orgId, row.id), sql`${orgPaths.validTo} IS NULL`));
  const from = res[0]?.from;
  if (from && effectiveOn < from) {
    throw new BadRequestError(`生效日期不能早于该组织上一次调整的日期 ${from}`, [{ path: 'body.effectiveOn', message: `不能早于 ${from}` }]);
  }
}

/** Moves a subtree: paths rewritten in one statement, history intervals closed and reopened. */
async function moveSubtree(tx: Db, actor: Actor, row: OrgRow, newParent: OrgRow, effectiveOn: string) {
  if (!canMove(row.path, newParent.path)) throw new BadRequestError('不能把组织迁移到它自己或它的下级组织之下', [{ path: 'body.newParentId', message: '会形成循环' }]);
  if (newParent.status === 'dissolved') throw new BadRequestError('目标上级组织已撤销', [{ path: 'body.newParentId', message: '目标已撤销' }]);
  await assertNotBackdated(tx, row, effectiveOn);
  const oldPath = row.path;
  const newPath = pathFor(newParent.path, row.id);
  const { lo, hi } = subtreeRange(oldPath);
  const depthDelta = newParent.depth + 1 - row.depth;
  const inOld = sql`path >= ${lo} AND path < ${hi}`;
  const subtreeIds = sql`(SELECT id FROM orgs WHERE ${inOld} AND status <> 'dissolved')`;
  // Same-day corrections replace the interval opened today instead of stacking a zero-length one.
  await tx.execute(sql`DELETE FROM org_paths WHERE valid_to IS NULL AND valid_from >= ${effectiveOn} AND org_id IN ${subtreeIds}`);
  await tx.execute(sql`UPDATE org_paths SET valid_to = ${effectiveOn} WHERE valid_to IS NULL AND org_id IN ${subtreeIds}`);
  await tx.execute(sql`UPDATE orgs SET path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${depthDelta}, updated_at = now() WHERE ${inOld}`);
  await tx.execute(sql`UPDATE orgs SET parent_id = ${newParent.id}, version = version + 1 WHERE id = ${row.id}`);
  const { lo: nlo, hi: nhi } = subtreeRange(newPath);
  await tx.execute(sql`INSERT INTO org_paths (org_id, parent_id, path, valid_from)
    SELECT id, parent_id, path, ${effectiveOn}::date FROM orgs WHERE path >= ${nlo} AND path < ${nhi} AND status <> 'dissolved'`);
  await tx.insert(orgEvents).values({ orgId: row.id, kind: 'moved', effectiveOn, details: { fromParentId: row.parentId, toParentId: newParent.id }, actorId: actor.userId });
}

async function dissolveOne(tx: Db, actor: Actor, row: OrgRow, effectiveOn: string, details: Record<string, unknown>, mergedIntoId: number | null = null) {
  if ((await countChildren(tx, row.id, true)) > 0) throw new BadRequestError('该组织还有未撤销的下级组织，请先迁移或撤销下级组织');
  await assertNotBackdated(tx, row, effectiveOn);
  await tx.update(orgs).set({ status: 'dissolved', dissolvedOn: effectiveOn, mergedIntoId, version: sql`${orgs.version} + 1`, updatedAt: new Date() }).where(eq(orgs.id, row.id));
  await tx.execute(sql`UPDATE org_paths SET valid_to = ${effectiveOn} WHERE org_id = ${row.id} AND valid_to IS NULL`);
  await tx.insert(orgEvents).values({ orgId: row.id, kind: mergedIntoId ? 'merged' : 'dissolved', effectiveOn, details, actorId: actor.userId });
}

async function reload(tx: Db, id: number) {
  return (await tx.select().from(orgs).where(eq(orgs.id, id)))[0];
}

async function activeChildren(tx: Db, id: number) {
  return tx.select().from(orgs).where(and(eq(orgs.parentId, id), sql`${orgs.status} <> 'dissolved'`));
}

export async function moveOrg(db: Db, ctx: AuditContext, actor: Actor, id: number, input: { newParentId: number; effectiveOn: string; version: number }) {
  await db.transaction(async (tx) => {
    const row = await loadForRestructure(tx, actor, id, input.version);
    const target = await findOrgInScope(tx, actor, input.newParentId, true);
    if (!target) throw new NotFoundError('目标上级组织不存在或不在您的管理范围内');
    authorize(actor, 'org.restructure', target.path);
    await moveSubtree(tx, actor, row, target, input.effectiveOn);
    await audit(tx, ctx, { action: 'org.move', objectType: 'org', objectId: id, before: { parentId: row.parentId, path: row.path }, after: { parentId: target.id, path: pathFor(target.path, id), effectiveOn: input.effectiveOn } });
  });
}

export async function dissolveOrg(db: Db, ctx: AuditContext, actor: Actor, id: number, input: { effectiveOn: string; reason: string; version: number }) {
  await db.transaction(async (tx) => {
    const row = await loadForRestructure(tx, actor, id, input.version);
    await dissolveOne(tx, actor, row, input.effectiveOn, { reason: input.reason });
    await audit(tx, ctx, { action: 'org.dissolve', objectType: 'org', objectId: id, before: row, after: await reload(tx, id) });
  });
}

/** Township mergers: the children move to the surviving org and the merged one is dissolved, both on one date. */
export async function mergeOrg(db: Db, ctx: AuditContext, actor: Actor, id: number, input: { intoId: number; effectiveOn: string; version: number }) {
  await db.transaction(async (tx) => {
    const row = await loadForRestructure(tx, actor, id, input.version);
    const into = await findOrgInScope(tx, actor, input.intoId, true);
    if (!into || into.id === id) throw new NotFoundError('合并目标不存在或不在您的管理范围内');
    authorize(actor, 'org.restructure', into.path);
    if (into.status === 'dissolved') throw new BadRequestError('合并目标已撤销');
    if (into.path.startsWith(row.path)) throw new BadRequestError('不能合并到自己的下级组织');
    const children = await activeChildren(tx, id);
    for (const child of children) await moveSubtree(tx, actor, child, into, input.effectiveOn);
    await dissolveOne(tx, actor, row, input.effectiveOn, { intoId: into.id, movedChildren: children.length }, into.id);
    await audit(tx, ctx, { action: 'org.merge', objectType: 'org', objectId: id, before: row, after: { mergedIntoId: into.id, effectiveOn: input.effectiveOn, movedChildIds: children.map((c) => c.id) } });
  });
}

export async function splitOrg(db: Db, ctx: AuditContext, actor: Actor, id: number, input: { effectiveOn: string; version: number; parts: { name: string; code: string; childIds: number[] }[] }) {
  return db.transaction(async (tx) => {
    const row = await loadForRestructure(tx, actor, id, input.version);
    const parent = row.parentId ? (await findOrgInScope(tx, actor, row.parentId, true)) : null;
    if (!parent) throw new BadRequestError('拆分的组织须有上级组织');
    const children = await activeChildren(tx, id);
    const assigned = input.parts.flatMap((p) => p.childIds);
    const known = new Set(children.map((c) => c.id));
    if (new Set(assigned).size !== assigned.length || assigned.length !== children.length || !assigned.every((c) => known.has(c))) {
      throw new BadRequestError('每个下级组织须且只能分配到一个拆分后的新组织', [{ path: 'body.parts', message: '下级组织分配不完整或重复' }]);
    }
    const codes = input.parts.map((p) => p.code);
    for (const [i, code] of codes.entries()) {
      if (codes.indexOf(code) !== i || (await findOrgByCode(tx, code))) throw new BadRequestError(`编码 ${code} 已被使用`, [{ path: `body.parts.${i}.code`, message: '编码已存在' }]);
    }
    const ids = await nextOrgIds(tx, input.parts.length);
    const created: number[] = [];
    for (const [i, part] of input.parts.entries()) {
      const newId = ids[i]!;
      const path = pathFor(parent.path, newId);
      const [newRow] = await tx.insert(orgs).values({
        id: newId, parentId: parent.id, path, depth: parent.depth + 1, code: part.code, name: part.name,
        kind: row.kind, sector: row.sector, level: row.level, status: 'founded', divisionCode: row.divisionCode, foundedOn: input.effectiveOn,
      }).returning();
      await tx.insert(orgPaths).values({ orgId: newId, parentId: parent.id, path, validFrom: input.effectiveOn });
      await tx.insert(orgEvents).values({ orgId: newId, kind: 'founded', effectiveOn: input.effectiveOn, details: { splitFrom: id }, actorId: actor.userId });
      for (const childId of part.childIds) {
        const child = children.find((c) => c.id === childId)!;
        await moveSubtree(tx, actor, (await reload(tx, child.id))!, newRow!, input.effectiveOn);
      }
      created.push(newId);
    }
    await dissolveOne(tx, actor, (await reload(tx, id))!, input.effectiveOn, { splitInto: created });
    await audit(tx, ctx, { action: 'org.split', objectType: 'org', objectId: id, before: row, after: { splitInto: created, effectiveOn: input.effectiveOn } });
    return created;
  });
}

/** S4.6: an org in preparation (with an acting secretary) becomes a founded league org on a date. */
export async function foundOrg(db: Db, ctx: AuditContext, actor: Actor, id: number, input: { effectiveOn: string; version: number }) {
  await db.transaction(async (tx) => {
    const row = await findOrgInScope(tx, actor, id, true);
    if (!row) throw new NotFoundError();
    authorize(actor, 'org.update', row.path);
    if (row.version !== input.version) throw new ConflictError();
    if (row.status !== 'preparing') throw new BadRequestError('只有筹建中的组织可以登记成立');
    await tx.update(orgs).set({ status: 'founded', foundedOn: input.effectiveOn, version: row.version + 1, updatedAt: ctx.now() }).where(eq(orgs.id, id));
    await tx.insert(orgEvents).values({ orgId: id, kind: 'founded', effectiveOn: input.effectiveOn, details: {}, actorId: actor.userId });
    await audit(tx, ctx, { action: 'org.found', objectType: 'org', objectId: id, before: row, after: await reload(tx, id) });
  });
}
