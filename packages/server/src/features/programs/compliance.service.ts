import {
  complianceRisk, deliverableDueDates, enumeratePeriods, evaluateCompliance, evaluateDeliverable, obligationPeriods, templateObligations, toCivilDate,
  type ProgramObligation, type TemplateDeliverable,
} from '@tuanjian/domain';
import type { Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError } from '../../http/errors';
import { loadProgram } from './programs.service';
import { factsFor, presentSubject, subjectsOf } from './subjects';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;

/** Hand-in day in Beijing time: what the system received, not the date the author typed. */
const handedIn = (d: Date) => toCivilDate(d);

export async function obligationRows(db: Db, actor: Actor, program: Loaded, obligation: ProgramObligation, today: string) {
  const subjects = await subjectsOf(db, actor, program, obligation.who);
  const periods = obligationPeriods(obligation, { start: program.p.startsOn, end: program.p.endsOn });
  const facts = await factsFor(db, program, obligation.what.recordKinds, subjects);
  return {
    periods,
    /** Where each subject sits in the tree, for grouping by the orgs below a scope (dashboards). */
    paths: new Map(subjects.map((s) => [s.key, s.holder.path])),
    rows: subjects.map((s) => ({
      ...presentSubject(s),
      cells: evaluateCompliance({
        obligation, subjectId: s.key, periods, records: facts, today, verifiedOnly: program.p.verifiedOnly,
        partnerIds: s.partners, subjectActive: s.active,
      }),
    })),
  };
}

/**
 * The compliance matrix of one obligation: subjects × periods, each cell with its state, the numbers
 * behind it and the records that count. Subjects are the approved holders of the obligation's role
 * (orgs, departments or cadres) or the members of its pairing side, limited to those the reader may see.
 */
export async function complianceMatrix(db: Db, actor: Actor, programId: number, obligationId: string, now: Date) {
  const program = await loadProgram(db, actor, programId);
  const obligation = templateObligations(program.template).find((o) => o.id === obligationId);
  if (!obligation) throw new BadRequestError(`没有工作要求 ${obligationId}`, [{ path: 'querystring.obligation', message: '工作要求不存在' }]);
  const { periods, rows } = await obligationRows(db, actor, program, obligation, toCivilDate(now));
  return {
    obligation: { id: obligation.id, name: obligation.name, ref: obligation.ref, min: obligation.min, measure: obligation.measure, period: obligation.period },
    periods: periods.map((p) => ({ key: p.key, start: p.start, end: p.end })),
    rows,
  };
}

export async function deliverableRows(db: Db, actor: Actor, program: Loaded, d: TemplateDeliverable, today: string, soonDays?: number) {
  const range = { start: program.p.startsOn, end: program.p.endsOn };
  const dues = new Map(deliverableDueDates(d, range).map((x) => [x.periodKey, x.due]));
  const periods = enumeratePeriods(d.period ?? 'program', range.start, range.end).map((p) => ({ ...p, due: dues.get(p.key) ?? null }));
  const subjects = await subjectsOf(db, actor, program, d.who);
  const facts = await factsFor(db, program, d.recordKind ? [d.recordKind] : [], subjects, { deliverableKey: d.id });
  return subjects.map((s) => ({
    ...presentSubject(s),
    cells: evaluateDeliverable({
      periods, required: d.count, today, verifiedOnly: program.p.verifiedOnly, soonDays,
      submissions: facts.filter((f) => f.subjectId === s.key).map((f) => ({ id: f.id, date: handedIn(f.createdAt), verified: f.verified })),
    }),
  }));
}

/** S1.8, S2.5, S3.6: per deliverable, subject and period — handed in on time, late, missed or still to come. */
export async function deliverableStatus(db: Db, actor: Actor, programId: number, now: Date) {
  const program = await loadProgram(db, actor, programId);
  const today = toCivilDate(now);
  const items = [];
  for (const d of program.template.deliverables ?? []) {
    items.push({
      deliverable: { id: d.id, name: d.name, ref: d.ref, count: d.count, recordKind: d.recordKind ?? null },
      rows: await deliverableRows(db, actor, program, d, today),
    });
  }
  return { items };
}

/**
 * The "overdue and at risk" list of a program for the reader's scope: obligation periods closed
 * unmet or closing soon short of the minimum, and deliverables missed or due soon.
 */
export async function riskList(db: Db, actor: Actor, programId: number, now: Date, soonDays: number) {
  const program = await loadProgram(db, actor, programId);
  const today = toCivilDate(now);
  const items = [];
  for (const o of templateObligations(program.template)) {
    const { rows } = await obligationRows(db, actor, program, o, today);
    for (const row of rows) {
      for (const cell of row.cells) {
        const risk = complianceRisk(cell, today, soonDays);
        if (!risk) continue;
        items.push({ source: 'obligation' as const, itemId: o.id, itemName: o.name, ref: o.ref, subjectKey: row.subjectKey, subject: row.subject, subjectName: row.subjectName,
          periodKey: cell.periodKey, closes: cell.closes, done: cell.done, required: cell.required, risk, recordIds: cell.recordIds });
      }
    }
  }
  for (const d of program.template.deliverables ?? []) {
    for (const row of await deliverableRows(db, actor, program, d, today, soonDays)) {
      for (const cell of row.cells) {
        const risk = cell.state === 'missed' ? ('overdue' as const) : cell.state === 'due_soon' ? ('at_risk' as const) : null;
        if (!risk) continue;
        items.push({ source: 'deliverable' as const, itemId: d.id, itemName: d.name, ref: d.ref, subjectKey: row.subjectKey, subject: row.subject, subjectName: row.subjectName,
          periodKey: cell.periodKey, closes: cell.due, done: cell.done, required: cell.required, risk, recordIds: cell.recordIds });
      }
    }
  }
  // Most urgent first: what closed longest ago, then what closes soonest.
  items.sort((a, b) => (a.risk !== b.risk ? (a.risk === 'overdue' ? -1 : 1) : (a.closes ?? '') < (b.closes ?? '') ? -1 : (a.closes ?? '') > (b.closes ?? '') ? 1 : 0));
  return { today, items };
}
