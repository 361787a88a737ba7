/**
 * Test support: runs a template obligation through the domain's own compliance evaluation, so the
 * per-requirement tests prove that the data in a template means what the seed says.
 */
import { evaluateCompliance, type PeriodCompliance } from '../compliance';
import type { RecordFact } from '../obligations';
import { enumeratePeriods } from '../periods';
import { obligationsFor, type ProgramObligation } from './obligations-of';
import type { ProgramTemplate } from './schema';

let seq = 0;
export function rec(subjectId: string, kind: string, date: string, over: Partial<RecordFact> = {}): RecordFact {
  seq += 1;
  return { id: `r${String(seq).padStart(4, '0')}`, subjectId, kind, date, verified: true, ...over };
}

export function obligation(template: ProgramTemplate, ref: string, id: string): ProgramObligation {
  const found = obligationsFor(template, ref).find((o) => o.id === id);
  if (!found) throw new Error(`${template.id} has no obligation ${id} for ${ref}`);
  return found;
}

export interface Run {
  from: string;
  to: string;
  records: RecordFact[];
  subjectId?: string;
  partnerIds?: string[];
  today?: string;
  verifiedOnly?: boolean;
}

/** period key → [state, done] for one subject over [from, to]. */
export function run(o: ProgramObligation, r: Run): Record<string, [PeriodCompliance['state'], number]> {
  const results = evaluateCompliance({
    obligation: o,
    subjectId: r.subjectId ?? 'subject',
    periods: enumeratePeriods(o.period, r.from, r.to),
    records: r.records,
    today: r.today ?? '2099-01-01',
    verifiedOnly: r.verifiedOnly ?? false,
    partnerIds: r.partnerIds,
  });
  return Object.fromEntries(results.map((x) => [x.periodKey, [x.state, x.done]]));
}
