import { evaluateCompliance, obligationPeriods, templateObligations, toCivilDate, type RecordFact } from '@tuanjian/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError } from '../../http/errors';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from './programs.service';
import { programRoles } from './programs.table';
import { recordsOf } from './records.service';
import { sideMembers } from './pairings.service';

/**
 * The compliance matrix of one obligation: subjects × periods, each cell with its state, the numbers
 * behind it and the records that count. Subjects are the approved holders of the obligation's role or
 * the orgs on its pairing side, limited to those the reader may see.
 */
export async function complianceMatrix(db: Db, actor: Actor, programId: number, obligationId: string, now: Date) {
  const program = await loadProgram(db, actor, programId);
  const obligation = templateObligations(program.template).find((o) => o.id === obligationId);
  if (!obligation) throw new BadRequestError(`没有工作要求 ${obligationId}`, [{ path: 'querystring.obligation', message: '工作要求不存在' }]);
  const columns = { id: orgs.id, name: orgs.name, path: orgs.path, level: orgs.level, foundedOn: orgs.foundedOn, dissolvedOn: orgs.dissolvedOn };
  let holders: { id: number; name: string; path: string; level: string; foundedOn: string | null; dissolvedOn: string | null }[];
  let partners = new Map<number, Set<number>>();
  if (obligation.who.kind === 'role') {
    holders = await db.select(columns).from(programRoles).innerJoin(orgs, eq(orgs.id, programRoles.orgId))
      .where(and(eq(programRoles.programId, programId), eq(programRoles.roleKey, obligation.who.ref), eq(programRoles.status, 'approved')));
  } else if (obligation.who.kind === 'pairing_side') {
    partners = await sideMembers(db, programId, obligation.who.ref);
    holders = partners.size ? await db.select(columns).from(orgs).where(inArray(orgs.id, [...partners.keys()])) : [];
  } else {
    throw new BadRequestError('该工作要求的对象（部室或干部）暂未接入合规计算', [{ path: 'querystring.obligation', message: '暂不支持' }]);
  }
  const visible = holders.filter((h) => h.path.startsWith(actor.orgPath) || program.issuerPath.startsWith(actor.orgPath));
  const periods = obligationPeriods(obligation, { start: program.p.startsOn, end: program.p.endsOn });
  // Joint records may have been entered by the partner: load the partners' records too.
  const involved = [...new Set([...visible.map((h) => h.id), ...[...partners.values()].flatMap((p) => [...p])])];
  const rows = await recordsOf(db, programId, obligation.what.recordKinds, involved);
  const levelOf = new Map(visible.map((h) => [h.id, h.level]));
  const facts: RecordFact[] = rows.map(({ r, placeLevel }) => ({
    id: String(r.id), subjectId: String(r.orgId), kind: r.kind, date: r.occurredOn,
    days: r.days ?? undefined, peopleReached: r.peopleReached ?? undefined, amount: r.amount ?? undefined,
    partnerIds: r.partnerOrgIds.map(String), orgLevel: placeLevel ?? levelOf.get(r.orgId), verified: r.status === 'verified',
  }));
  const today = toCivilDate(now);
  return {
    obligation: { id: obligation.id, name: obligation.name, ref: obligation.ref, min: obligation.min, measure: obligation.measure, period: obligation.period },
    periods: periods.map((p) => ({ key: p.key, start: p.start, end: p.end })),
    rows: visible.map((h) => ({
      subjectId: h.id,
      subjectName: h.name,
      cells: evaluateCompliance({
        obligation, subjectId: String(h.id), periods, records: facts, today, verifiedOnly: program.p.verifiedOnly,
        partnerIds: [...(partners.get(h.id) ?? [])].map(String),
        subjectActive: { from: h.foundedOn, to: h.dissolvedOn },
      }),
    })),
  };
}
