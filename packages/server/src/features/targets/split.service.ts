/**
 * Splitting a target among the subordinates of an org (S4.1, S4.4): equally, by a registry figure or
 * imported weights, with extra weight for key areas, or by hand. The parts always add up to the
 * whole (the domain's largest-remainder split), a hand split that does not is refused in Chinese,
 * and the change is audited with the parts before and after.
 */
import type { TargetSplitCreate } from '@tuanjian/contracts';
import { checkHandSplit, splitByHand, splitByWeight, splitEqually, TargetSplitError, type TargetPart, type TemplateTarget } from '@tuanjian/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { loadProgram } from '../programs/programs.service';
import { presentSplit, wholeFor } from './parts.view';
import { subordinatesFor, type ComputedPart } from './subordinates';
import { approvedOrgIds, partsOfSplit, splitAt, villageCounts, type OrgBrief } from './targets.queries';
import { targetParts, targetSplits } from './targets.table';
import { isSplittable, targetOf, type LoadedProgram } from './targets.template';

/** Key areas (S4.4): the org ids given, or the template's key-area role holders among the subordinates. */
async function keyAreasOf(db: Db, program: LoadedProgram, target: TemplateTarget, subs: readonly OrgBrief[], given: readonly number[] | undefined): Promise<Set<number>> {
  const ids = new Set(subs.map((s) => s.id));
  if (given) {
    const stray = given.filter((g) => !ids.has(g));
    if (stray.length) throw new BadRequestError('重点区域须是参与分解的下级组织', [{ path: 'body.keyOrgIds', message: `${stray.length} 个组织不在分解对象中` }]);
    return new Set(given);
  }
  const keyRole = target.split?.keyRole;
  if (!keyRole) return new Set();
  const held = await approvedOrgIds(db, program.p.id, keyRole);
  return new Set([...held].filter((h) => ids.has(h)));
}

async function weightsOf(db: Db, basis: 'equal' | 'villages' | 'imported', subs: readonly OrgBrief[], imported: readonly { orgId: number; weight: number }[] | undefined): Promise<Map<number, number>> {
  if (basis === 'equal') return new Map(subs.map((s) => [s.id, 1]));
  if (basis === 'villages') return villageCounts(db, subs);
  const given = new Map((imported ?? []).map((w) => [w.orgId, w.weight]));
  const ids = new Set(subs.map((s) => s.id));
  const stray = [...given.keys()].filter((id) => !ids.has(id));
  if (stray.length) throw new BadRequestError('导入的权重含有不参与分解的组织', [{ path: 'body.weights', message: `${stray.length} 个组织不在分解对象中` }]);
  const missing = subs.filter((s) => !given.has(s.id));
  if (missing.length) {
    const names = missing.slice(0, 5).map((m) => m.name).join('、');
    throw new BadRequestError(`缺少 ${missing.length} 个组织的权重：${names}${missing.length > 5 ? '等' : ''}`, [{ path: 'body.weights', message: '权重不全' }]);
  }
  return given;
}


/** The parts of a split, computed by the domain; subjects are keyed by org code so ties go the same way everywhere. */
export async function computeParts(db: Db, program: LoadedProgram, target: TemplateTarget, whole: number, subs: readonly OrgBrief[], body: TargetSplitCreate): Promise<ComputedPart[]> {
  const byCode = new Map(subs.map((s) => [s.code, s]));
  const toParts = (parts: TargetPart[], weights?: Map<number, number>, keys?: Set<number>) => parts.map((p) => {
    const org = byCode.get(p.subjectId)!;
    return { org, amount: p.amount, weight: weights?.get(org.id) ?? null, keyArea: keys?.has(org.id) ?? false };
  });
  try {
    switch (body.method) {
      case 'equal':
        return toParts(splitEqually(whole, subs.map((s) => s.code)));
      case 'weight': {
        const weights = await weightsOf(db, body.basis, subs, body.weights);
        if (subs.every((s) => !weights.get(s.id))) throw new BadRequestError('权重全为 0，无法按权重分解', [{ path: 'body.basis', message: '权重全为 0' }]);
        return toParts(splitByWeight(whole, subs.map((s) => ({ id: s.code, weight: weights.get(s.id) ?? 0 }))), weights);
      }
      case 'key_area': {
        const weights = await weightsOf(db, body.basis, subs, body.weights);
        const keys = await keyAreasOf(db, program, target, subs, body.keyOrgIds);
        if (keys.size === 0) throw new BadRequestError('没有重点区域：请选择重点乡镇或先确定重点区域名单', [{ path: 'body.keyOrgIds', message: '未指定重点区域' }]);
        if (subs.every((s) => !weights.get(s.id))) throw new BadRequestError('权重全为 0，无法按权重分解', [{ path: 'body.basis', message: '权重全为 0' }]);
        const subjects = subs.map((s) => ({ id: s.code, weight: weights.get(s.id) ?? 0, key: keys.has(s.id) }));
        return toParts(splitByWeight(whole, subjects, body.keyMultiplier), weights, keys);
      }
      case 'hand': {
        const byId = new Map(subs.map((s) => [s.id, s]));
        const seen = new Set<number>();
        body.parts.forEach((p, i) => {
          if (!byId.has(p.orgId)) throw new BadRequestError('手工分解的组织须是参与分解的下级组织', [{ path: `body.parts.${i}.orgId`, message: '不在分解对象中' }]);
          if (seen.has(p.orgId)) throw new BadRequestError(`${byId.get(p.orgId)!.name}重复出现`, [{ path: `body.parts.${i}.orgId`, message: '重复' }]);
          seen.add(p.orgId);
        });
        // Subordinates left out of the table get nothing; the sum must still be the whole.
        const amounts = new Map(body.parts.map((p) => [p.orgId, p.amount]));
        const parts = subs.map((s) => ({ subjectId: s.code, amount: amounts.get(s.id) ?? 0 }));
        const check = checkHandSplit(whole, parts);
        if (!check.ok) {
          const gap = check.difference > 0 ? `还差 ${check.difference}` : `多出 ${-check.difference}`;
          throw new BadRequestError(`各部分之和为 ${check.sum}，应等于 ${whole}（${gap}）`, [{ path: 'body.parts', message: `合计 ${check.sum}，${gap}` }]);
        }
        return toParts(splitByHand(whole, parts));
      }
    }
  } catch (err) {
    if (err instanceof TargetSplitError) throw new BadRequestError('无法按此方式分解目标，请检查分解对象和权重', [{ path: 'body.method', message: '无法分解' }]);
    throw err;
  }
}

export async function splitTarget(db: Db, ctx: AuditContext, actor: Actor, programId: number, body: TargetSplitCreate, today: string) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const parent = await findOrgInScope(tx, actor, body.orgId ?? program.p.scopeOrgId);
    if (!parent) throw new NotFoundError('组织不存在或不在您的管理范围内');
    // Before reading the template, so that a forbidden caller learns nothing from a 400.
    authorize(actor, 'target.manage', parent.path);
    const target = targetOf(program, body.target, 'body.target');
    if (!isSplittable(target)) throw new BadRequestError(`“${target.name}”是各单位统一的目标，不需要分解`, [{ path: 'body.target', message: '不可分解' }]);
    if (!parent.path.startsWith(program.scopePath)) throw new BadRequestError('该组织不在本专项工作的实施范围内', [{ path: 'body.orgId', message: '不在实施范围内' }]);
    const whole = await wholeFor(tx, program, target, parent.id);
    if (whole === null) throw new BadRequestError(`${parent.name}尚未分得“${target.name}”的目标任务，请先由上级分解`, [{ path: 'body.orgId', message: '尚无目标任务' }]);
    const subs = await subordinatesFor(tx, program, target, parent, body.among);
    if (subs.length === 0) throw new BadRequestError(`${parent.name}没有可以分解目标的下级组织`, [{ path: 'body.orgId', message: '没有下级组织' }]);
    const parts = await computeParts(tx, program, target, whole, subs, body);

    const existing = await splitAt(tx, program.p.id, target.id, parent.id);
    if (existing && body.version !== existing.version) throw new ConflictError('目标分解已被他人修改，请刷新后重试');
    if (body.dryRun) return presentSplit(tx, actor, program, target, parent, whole, { method: body.method, basis: basisOf(body), keyMultiplier: keyMultiplierOf(body), id: existing?.id ?? null, version: existing?.version ?? 0, updatedAt: null, saved: false }, parts, today);

    const before = existing ? { ...existing, parts: (await partsOfSplit(tx, existing.id)).map((p) => ({ orgId: p.part.orgId, amount: p.part.amount })) } : null;
    await guardFurtherSplits(tx, program, target.id, before?.parts ?? [], parts);
    const values = { total: whole, method: body.method, basis: basisOf(body), keyMultiplier: keyMultiplierOf(body), updatedAt: ctx.now() };
    let splitId: number;
    if (existing) {
      await tx.update(targetSplits).set({ ...values, version: existing.version + 1 }).where(eq(targetSplits.id, existing.id));
      await tx.delete(targetParts).where(eq(targetParts.splitId, existing.id));
      splitId = existing.id;
    } else {
      const [row] = await tx.insert(targetSplits).values({ ...values, programId: program.p.id, targetKey: target.id, parentOrgId: parent.id, createdBy: actor.userId }).returning({ id: targetSplits.id });
      splitId = row!.id;
    }
    await tx.insert(targetParts).values(parts.map((p) => ({ splitId, programId: program.p.id, targetKey: target.id, orgId: p.org.id, amount: p.amount, weight: p.weight, keyArea: p.keyArea })));
    const saved = (await splitAt(tx, program.p.id, target.id, parent.id))!;
    await audit(tx, ctx, {
      action: 'target.split', objectType: 'target_split', objectId: splitId, before,
      after: { ...saved, parts: parts.map((p) => ({ orgId: p.org.id, amount: p.amount, ...(p.weight !== null ? { weight: p.weight } : {}), ...(p.keyArea ? { keyArea: true } : {}) })) },
    });
    return presentSplit(tx, actor, program, target, parent, whole, { method: saved.method, basis: saved.basis, keyMultiplier: saved.keyMultiplier, id: saved.id, version: saved.version, updatedAt: saved.updatedAt.toISOString(), saved: true }, parts, today);
  });
}

function basisOf(body: TargetSplitCreate) {
  return body.method === 'weight' || body.method === 'key_area' ? body.basis : null;
}
function keyMultiplierOf(body: TargetSplitCreate) {
  return body.method === 'key_area' ? body.keyMultiplier : null;
}

/**
 * An org that has split its share further cannot have that share changed under it: its own parts
 * would no longer add up. Re-split below first (or keep its amount).
 */
async function guardFurtherSplits(tx: Db, program: LoadedProgram, targetKey: string, oldParts: { orgId: number; amount: number }[], newParts: ComputedPart[]) {
  if (oldParts.length === 0) return;
  const below = await tx.select({ parentOrgId: targetSplits.parentOrgId, total: targetSplits.total }).from(targetSplits)
    .where(and(eq(targetSplits.programId, program.p.id), eq(targetSplits.targetKey, targetKey), inArray(targetSplits.parentOrgId, oldParts.map((p) => p.orgId))));
  const next = new Map(newParts.map((p) => [p.org.id, p]));
  for (const b of below) {
    const n = next.get(b.parentOrgId);
    if (!n || n.amount !== b.total) {
      const name = n?.org.name ?? '下级组织';
      throw new ConflictError(`${name}已将其目标任务（${b.total}）分解给下级，改变其份额前请先调整该组织的分解`);
    }
  }
}
