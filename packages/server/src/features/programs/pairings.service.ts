import type { z } from 'zod';
import type { PairingCreate } from '@tuanjian/contracts';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { eligibilityProblem } from './nominations.rules';
import { loadProgram } from './programs.service';
import { pairingMembers, pairings, programRoles } from './programs.table';

type Side = { id: string; name: string; who: { roles?: string[]; eligibility?: unknown }; count: number | { min: number; max?: number } };

function countProblem(side: Side, n: number): string | null {
  const { min, max } = typeof side.count === 'number' ? { min: side.count, max: side.count } : { min: side.count.min, max: side.count.max };
  if (n < min) return `“${side.name}”至少 ${min} 个，现为 ${n} 个`;
  if (max !== undefined && n > max) return `“${side.name}”最多 ${max} 个，现为 ${n} 个`;
  return null;
}

/**
 * Forms a pairing under one of the template's modes (S0.2 "2+2", "2+3"): each side holds the number of
 * orgs the mode says, and each org must be an approved holder of a role the side names (or meet its
 * eligibility). Formed by whoever may decide nominations over every org involved.
 */
export async function createPairing(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: z.infer<typeof PairingCreate>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    authorize(actor, 'nomination.decide');
    const mode = program.template.pairingModes?.find((m) => m.id === input.modeKey);
    if (!mode) throw new BadRequestError(`没有结对方式 ${input.modeKey}`, [{ path: 'body.modeKey', message: '结对方式不存在' }]);
    const problems: { path: string; message: string }[] = [];
    for (const key of Object.keys(input.members)) if (!mode.sides.some((s) => s.id === key)) problems.push({ path: `body.members.${key}`, message: '该结对方式没有这一方' });
    for (const side of mode.sides as Side[]) {
      const ids = input.members[side.id] ?? [];
      const p = countProblem(side, ids.length);
      if (p) problems.push({ path: `body.members.${side.id}`, message: p });
      for (const [i, orgId] of ids.entries()) {
        const org = await findOrgInScope(tx, actor, orgId);
        const path = `body.members.${side.id}.${i}`;
        if (!org || !org.path.startsWith(program.scopePath)) { problems.push({ path, message: '组织不存在或不在您的管理范围内' }); continue; }
        if (side.who.roles) {
          const held = await tx.select({ id: programRoles.id }).from(programRoles).where(and(eq(programRoles.programId, programId), eq(programRoles.orgId, orgId), eq(programRoles.status, 'approved'), inArray(programRoles.roleKey, side.who.roles)));
          if (!held.length) problems.push({ path, message: `${org.name}不是已审定的${side.name}` });
        } else if (side.who.eligibility) {
          const e = eligibilityProblem({ id: side.id, name: side.name, holder: 'org', eligibility: side.who.eligibility } as never, org);
          if (e) problems.push({ path, message: e });
        }
      }
    }
    if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('；'), problems);
    const [row] = await tx.insert(pairings).values({ programId, modeKey: mode.id, createdBy: actor.userId, createdAt: ctx.now() }).returning();
    const members = Object.entries(input.members).flatMap(([sideKey, ids]) => [...new Set(ids)].map((orgId) => ({ pairingId: row!.id, sideKey, orgId })));
    await tx.insert(pairingMembers).values(members);
    await audit(tx, ctx, { action: 'pairing.create', objectType: 'pairing', objectId: row!.id, after: { ...row, members: input.members } });
    return row!.id;
  });
}

export async function listPairings(db: Db, actor: Actor, programId: number) {
  const program = await loadProgram(db, actor, programId);
  const rows = await db.select({ p: pairings, m: pairingMembers, name: orgs.name, path: orgs.path }).from(pairings)
    .innerJoin(pairingMembers, eq(pairingMembers.pairingId, pairings.id)).innerJoin(orgs, eq(orgs.id, pairingMembers.orgId))
    .where(eq(pairings.programId, programId)).orderBy(asc(pairings.id), asc(pairingMembers.sideKey), asc(orgs.code));
  const issuerView = inScope(actor, program.issuerPath);
  const byId = new Map<number, typeof rows>();
  for (const r of rows) byId.set(r.p.id, [...(byId.get(r.p.id) ?? []), r]);
  const items = [...byId.values()]
    .filter((members) => issuerView || members.some((m) => inScope(actor, m.path)))
    .map((members) => {
      const mode = program.template.pairingModes?.find((m) => m.id === members[0]!.p.modeKey);
      return {
        id: members[0]!.p.id, modeKey: members[0]!.p.modeKey, modeName: mode?.name ?? members[0]!.p.modeKey,
        sides: (mode?.sides ?? []).map((s) => ({ sideKey: s.id, sideName: s.name, orgs: members.filter((m) => m.m.sideKey === s.id).map((m) => ({ id: m.m.orgId, name: m.name })) })),
      };
    });
  return { items };
}

/** The orgs on one side across the program's pairings, each with the orgs on the other sides of its pairings. */
export async function sideMembers(db: Db, programId: number, sideKey: string) {
  const rows = await db.select({ pairingId: pairingMembers.pairingId, sideKey: pairingMembers.sideKey, orgId: pairingMembers.orgId })
    .from(pairingMembers).innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId)).where(eq(pairings.programId, programId));
  const partners = new Map<number, Set<number>>();
  for (const r of rows.filter((x) => x.sideKey === sideKey)) {
    const set = partners.get(r.orgId) ?? new Set<number>();
    for (const o of rows) if (o.pairingId === r.pairingId && o.sideKey !== sideKey) set.add(o.orgId);
    partners.set(r.orgId, set);
  }
  return partners;
}
