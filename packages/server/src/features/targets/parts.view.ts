/** Reading targets: the list of a program's targets, the parts of one split, and the candidates of a split. */
import type { z } from 'zod';
import type { SubordinateList, SubordinatesQuery, TargetList, TargetPartsQuery, TargetSplitView } from '@tuanjian/contracts';
import type { TemplateTarget } from '@tuanjian/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import type { OrgRow } from '../orgs/orgs.table';
import { loadProgram } from '../programs/programs.service';
import { progressOf, viewedOrg } from './progress.service';
import { subordinatesFor, type ComputedPart } from './subordinates';
import { approvedOrgIds, partsOfSplit, shareOf, splitAt, splitsOfProgram, villageCounts } from './targets.queries';
import { targetSplits } from './targets.table';
import { countedKind, deadlineOf, isSplittable, roleOf, splitRole, targetOf, type LoadedProgram } from './targets.template';

type View = z.infer<typeof TargetSplitView>;

/** What an org splits: the program's target at its scope, or the share an earlier split gave the org. */
export async function wholeFor(db: Db, program: LoadedProgram, target: TemplateTarget, orgId: number): Promise<number | null> {
  if (orgId === program.p.scopeOrgId) return target.target ?? null;
  return (await shareOf(db, program.p.id, target.id, orgId))?.amount ?? null;
}

export async function presentSplit(
  db: Db, actor: Actor, program: LoadedProgram, target: TemplateTarget, parent: Pick<OrgRow, 'id' | 'name'>, whole: number | null,
  split: NonNullable<View['split']> | null, parts: readonly ComputedPart[], today: string,
): Promise<View> {
  const progress = await progressOf(db, program, target, parts.map((p) => ({ id: p.org.id, target: p.amount })), today);
  const further = parts.length
    ? new Set((await db.select({ id: targetSplits.parentOrgId }).from(targetSplits)
      .where(and(eq(targetSplits.programId, program.p.id), eq(targetSplits.targetKey, target.id), inArray(targetSplits.parentOrgId, parts.map((p) => p.org.id))))).map((r) => r.id))
    : new Set<number>();
  return {
    target: target.id, parentOrgId: parent.id, parentOrgName: parent.name, whole, split,
    parts: parts.map((p) => {
      const pr = progress?.get(p.org.id);
      return {
        orgId: p.org.id, orgName: p.org.name, orgCode: p.org.code, amount: p.amount, weight: p.weight, keyArea: p.keyArea,
        actual: pr?.actual ?? null, rate: pr && p.amount > 0 ? pr.actual / p.amount : null, projection: pr?.projection ?? null,
        splitFurther: further.has(p.org.id),
      };
    }),
    sum: parts.reduce((s, p) => s + p.amount, 0),
    dryRun: split?.saved === false,
    abilities: { split: can(actor, 'target.manage') && isSplittable(target) },
  };
}

export async function viewParts(db: Db, actor: Actor, programId: number, q: z.infer<typeof TargetPartsQuery>, today: string): Promise<View> {
  const program = await loadProgram(db, actor, programId);
  const parent = await viewedOrg(db, actor, program, q.orgId);
  const target = targetOf(program, q.target);
  const whole = await wholeFor(db, program, target, parent.id);
  const split = await splitAt(db, program.p.id, target.id, parent.id);
  const parts: ComputedPart[] = split
    ? (await partsOfSplit(db, split.id)).map(({ part, org }) => ({ org, amount: part.amount, weight: part.weight, keyArea: part.keyArea }))
    : [];
  const meta = split ? { id: split.id, method: split.method, basis: split.basis, keyMultiplier: split.keyMultiplier, version: split.version, updatedAt: split.updatedAt.toISOString(), saved: true } : null;
  return presentSplit(db, actor, program, target, parent, whole, meta, parts, today);
}

/** The orgs a split would go to, with the registry figure and key-area marks the split dialog shows. */
export async function listSubordinates(db: Db, actor: Actor, programId: number, q: z.infer<typeof SubordinatesQuery>): Promise<z.infer<typeof SubordinateList>> {
  const program = await loadProgram(db, actor, programId);
  const parent = await viewedOrg(db, actor, program, q.orgId);
  const target = targetOf(program, q.target);
  const subs = await subordinatesFor(db, program, target, parent, q.among);
  const villages = await villageCounts(db, subs);
  const keys = target.split?.keyRole ? await approvedOrgIds(db, program.p.id, target.split.keyRole) : new Set<number>();
  return { items: subs.map((s) => ({ orgId: s.id, orgName: s.name, orgCode: s.code, villages: villages.get(s.id) ?? 0, keyArea: keys.has(s.id) })) };
}

export async function listTargets(db: Db, actor: Actor, programId: number, today: string): Promise<z.infer<typeof TargetList>> {
  const program = await loadProgram(db, actor, programId);
  const splits = await splitsOfProgram(db, program.p.id);
  const items = [];
  for (const t of program.template.targets ?? []) {
    const splittable = isSplittable(t);
    const progress = splittable ? await progressOf(db, program, t, [{ id: program.p.scopeOrgId, target: t.target ?? null }], today) : null;
    const pr = progress?.get(program.p.scopeOrgId);
    items.push({
      key: t.id, ref: t.ref, name: t.name, metric: t.metric, op: t.op ?? null, unit: t.unit, target: t.target ?? null,
      deadline: deadlineOf(program, t), perSubject: t.who !== undefined,
      subjectName: roleOf(program.template, t.who?.ref)?.name ?? splitRole(program, t)?.name ?? null,
      splittable, splitMethod: t.split?.method ?? null, countsKind: countedKind(t),
      actual: pr?.actual ?? null, rate: pr && t.target ? pr.actual / t.target : null, projection: pr?.projection ?? null,
      splits: splits.filter((s) => s.split.targetKey === t.id).map((s) => ({ parentOrgId: s.split.parentOrgId, parentOrgName: s.parentName, method: s.split.method, parts: s.parts })),
    });
  }
  return { today, scopeOrgId: program.p.scopeOrgId, items, abilities: { manage: can(actor, 'target.manage') } };
}
