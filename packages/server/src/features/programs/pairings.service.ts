import type { z } from 'zod';
import type { HolderRef as HolderRefSchema, PairingCreate } from '@tuanjian/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError } from '../../http/errors';
import { columnsOfRef, holderInRange, holderKey, holderLabel, refOfColumns, resolveHolders, type Holder, type HolderRef } from './holders';
import { eligibilityProblem } from './nominations.rules';
import { loadProgram } from './programs.service';
import { pairingMembers, pairings, programRoles } from './programs.table';

type Side = { id: string; name: string; who: { roles?: string[]; eligibility?: unknown; holder?: string }; count: number | { min: number; max?: number }; exclusive?: boolean };
type Problem = { path: string; message: string };

function countProblem(side: Side, n: number): string | null {
  const { min, max } = typeof side.count === 'number' ? { min: side.count, max: side.count } : { min: side.count.min, max: side.count.max };
  if (n < min) return `“${side.name}”至少 ${min} 个，现为 ${n} 个`;
  if (max !== undefined && n > max) return `“${side.name}”最多 ${max} 个，现为 ${n} 个`;
  return null;
}

const asRef = (m: number | z.infer<typeof HolderRefSchema>): HolderRef => (typeof m === 'number' ? { type: 'org', id: m } : m);

/** Approved holders of the given roles, by holder key: who may sit on a side that names roles. */
async function approvedHolderKeys(db: Db, programId: number, roleKeys: string[]): Promise<Set<string>> {
  const rows = await db.select({ orgId: programRoles.orgId, departmentId: programRoles.departmentId, cadreId: programRoles.cadreId }).from(programRoles)
    .where(and(eq(programRoles.programId, programId), eq(programRoles.status, 'approved'), inArray(programRoles.roleKey, roleKeys)));
  return new Set(rows.map((r) => holderKey(refOfColumns(r))));
}

/**
 * Forms a pairing under one of the template's modes (S0.2 "2+2", S3.1 a department and its cities,
 * S4.3 a cadre and a township): each side holds the number of members the mode says, and each member
 * must be an approved holder of a role the side names (or meet its eligibility). Formed by whoever may
 * decide nominations; every member must lie in the program's scope.
 */
export async function createPairing(db: Db, ctx: AuditContext, actor: Actor, programId: number, input: z.infer<typeof PairingCreate>) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    authorize(actor, 'nomination.decide', program.issuerPath);
    const mode = program.template.pairingModes?.find((m) => m.id === input.modeKey);
    if (!mode) throw new BadRequestError(`没有结对方式 ${input.modeKey}`, [{ path: 'body.modeKey', message: '结对方式不存在' }]);
    const problems: Problem[] = [];
    for (const key of Object.keys(input.members)) if (!mode.sides.some((s) => s.id === key)) problems.push({ path: `body.members.${key}`, message: '该结对方式没有这一方' });
    const refs = Object.values(input.members).flat().map(asRef);
    const holders = await resolveHolders(tx, refs);
    for (const side of mode.sides as Side[]) {
      const members = (input.members[side.id] ?? []).map(asRef);
      const p = countProblem(side, members.length);
      if (p) problems.push({ path: `body.members.${side.id}`, message: p });
      const allowed = side.who.roles ? await approvedHolderKeys(tx, programId, side.who.roles) : null;
      const taken = side.exclusive ? await membersOnSide(tx, programId, mode.id, side.id) : new Set<string>();
      for (const [i, ref] of members.entries()) {
        const path = `body.members.${side.id}.${i}`;
        const h = holders.get(holderKey(ref));
        if (!h || !h.path.startsWith(program.scopePath) || !inScope(actor, h.path)) { problems.push({ path, message: '不存在或不在您的管理范围内' }); continue; }
        if (taken.has(holderKey(ref))) problems.push({ path, message: `${holderLabel(h)}已在另一个“${mode.name}”结对中` });
        else if (allowed && !allowed.has(holderKey(ref))) problems.push({ path, message: `${holderLabel(h)}不是已审定的${side.name}` });
        else if (!allowed && side.who.eligibility) {
          const e = eligibilityProblem({ id: side.id, name: side.name, holder: 'org', eligibility: side.who.eligibility } as never, { ...h, honors: [] } as never);
          if (e) problems.push({ path, message: e });
        }
      }
    }
    if (!problems.length && await samePairingExists(tx, programId, mode.id, input.members)) problems.push({ path: 'body.members', message: '相同的结对已存在' });
    if (problems.length) throw new BadRequestError(problems.map((p) => p.message).join('；'), problems);
    const [row] = await tx.insert(pairings).values({ programId, modeKey: mode.id, createdBy: actor.userId, createdAt: ctx.now() }).returning();
    const seen = new Set<string>();
    const members = Object.entries(input.members).flatMap(([sideKey, list]) => list.map(asRef)
      .filter((ref) => !seen.has(`${sideKey}/${holderKey(ref)}`) && seen.add(`${sideKey}/${holderKey(ref)}`))
      .map((ref) => ({ pairingId: row!.id, sideKey, ...columnsOfRef(ref) })));
    await tx.insert(pairingMembers).values(members);
    await audit(tx, ctx, { action: 'pairing.create', objectType: 'pairing', objectId: row!.id, after: { ...row, members: input.members } });
    return row!.id;
  });
}

async function membersOnSide(db: Db, programId: number, modeKey: string, sideKey: string) {
  const rows = await db.select({ orgId: pairingMembers.orgId, departmentId: pairingMembers.departmentId, cadreId: pairingMembers.cadreId }).from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(and(eq(pairings.programId, programId), eq(pairings.modeKey, modeKey), eq(pairingMembers.sideKey, sideKey)));
  return new Set(rows.map((r) => holderKey(refOfColumns(r))));
}

const signature = (members: Array<{ sideKey: string; key: string }>) => members.map((m) => `${m.sideKey}/${m.key}`).sort().join('|');

/** A roster imported twice must not pair the same members twice. */
async function samePairingExists(db: Db, programId: number, modeKey: string, input: z.infer<typeof PairingCreate>['members']) {
  const wanted = signature([...new Set(Object.entries(input).flatMap(([sideKey, list]) => list.map((m) => `${sideKey}\u0000${holderKey(asRef(m))}`)))]
    .map((x) => { const [sideKey, key] = x.split('\u0000') as [string, string]; return { sideKey, key }; }));
  const rows = await db.select({ pairingId: pairingMembers.pairingId, sideKey: pairingMembers.sideKey, orgId: pairingMembers.orgId, departmentId: pairingMembers.departmentId, cadreId: pairingMembers.cadreId })
    .from(pairingMembers).innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId)).where(and(eq(pairings.programId, programId), eq(pairings.modeKey, modeKey)));
  const byPairing = new Map<number, Array<{ sideKey: string; key: string }>>();
  for (const r of rows) byPairing.set(r.pairingId, [...(byPairing.get(r.pairingId) ?? []), { sideKey: r.sideKey, key: holderKey(refOfColumns(r)) }]);
  return [...byPairing.values()].some((m) => signature(m) === wanted);
}

export async function listPairings(db: Db, actor: Actor, programId: number) {
  const program = await loadProgram(db, actor, programId);
  const rows = await db.select({ p: pairings, m: pairingMembers }).from(pairings)
    .innerJoin(pairingMembers, eq(pairingMembers.pairingId, pairings.id))
    .where(eq(pairings.programId, programId)).orderBy(asc(pairings.id), asc(pairingMembers.sideKey));
  const holders = await resolveHolders(db, rows.map((r) => refOfColumns(r.m)));
  const issuerView = inScope(actor, program.issuerPath);
  const byId = new Map<number, Array<{ sideKey: string; h: Holder }>>();
  const modeOf = new Map<number, string>();
  for (const r of rows) {
    const h = holders.get(holderKey(refOfColumns(r.m)));
    if (!h) continue;
    modeOf.set(r.p.id, r.p.modeKey);
    byId.set(r.p.id, [...(byId.get(r.p.id) ?? []), { sideKey: r.m.sideKey, h }]);
  }
  const items = [...byId.entries()]
    .filter(([, members]) => issuerView || members.some((m) => inScope(actor, m.h.path)))
    .map(([id, members]) => {
      const mode = program.template.pairingModes?.find((m) => m.id === modeOf.get(id));
      return {
        id, modeKey: modeOf.get(id)!, modeName: mode?.name ?? modeOf.get(id)!,
        sides: (mode?.sides ?? []).map((s) => ({
          sideKey: s.id, sideName: s.name,
          members: members.filter((m) => m.sideKey === s.id).sort((a, b) => (a.h.code < b.h.code ? -1 : a.h.code > b.h.code ? 1 : a.h.id - b.h.id)).map((m) => ({ type: m.h.type, id: m.h.id, name: holderLabel(m.h) })),
        })),
      };
    });
  return { items };
}

/** The members on one side across the program's pairings (by holder key), each with the members on the other sides of its pairings. */
export async function sideMembers(db: Db, programId: number, sideKey: string, range?: { lo: string; hi: string }) {
  // A reader below the issuer needs only the pairings with a member of the side in their subtree.
  const within = range ? sql`${pairingMembers.pairingId} IN (SELECT m.pairing_id FROM pairing_members m WHERE m.side_key = ${sideKey} AND ${holderInRange('m', range)})` : undefined;
  const rows = await db.select({ pairingId: pairingMembers.pairingId, sideKey: pairingMembers.sideKey, orgId: pairingMembers.orgId, departmentId: pairingMembers.departmentId, cadreId: pairingMembers.cadreId })
    .from(pairingMembers).innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId)).where(and(eq(pairings.programId, programId), within));
  const byPairing = new Map<number, typeof rows>();
  for (const r of rows) byPairing.set(r.pairingId, [...(byPairing.get(r.pairingId) ?? []), r]);
  const partners = new Map<string, { ref: HolderRef; partners: Set<string> }>();
  for (const r of rows.filter((x) => x.sideKey === sideKey)) {
    const ref = refOfColumns(r);
    const entry = partners.get(holderKey(ref)) ?? { ref, partners: new Set<string>() };
    for (const o of byPairing.get(r.pairingId)!) if (o.sideKey !== sideKey) entry.partners.add(holderKey(refOfColumns(o)));
    partners.set(holderKey(ref), entry);
  }
  return partners;
}
