/**
 * What the server reads out of a parsed template: its obligations as domain Obligations, the
 * program's date range for a year, deliverable deadlines, and whether nominations fill a role's quota.
 */
import { addDays, addMonths, civilDate, civilParts, clampedCivilDate, type CivilDate } from '../dates';
import { dueDate } from '../due-rules';
import type { Obligation } from '../obligations';
import { enumeratePeriods, type DateRange } from '../periods';
import type { ProgramTemplate, TemplateDeliverable, TemplateRole } from './schema';

export type ProgramObligation = Obligation & { ref: string; name: string };

/** The template's obligations as the domain type that compliance.ts evaluates, keeping ref and name. */
export function templateObligations(template: ProgramTemplate): ProgramObligation[] {
  return template.obligations.map((o) => ({ ...o, who: { ...o.who }, what: { ...o.what, recordKinds: [...o.what.recordKinds] } }));
}

/** All obligations that implement one seed requirement (S0.8 gives three: town, village, co-build). */
export function obligationsFor(template: ProgramTemplate, ref: string): ProgramObligation[] {
  return templateObligations(template).filter((o) => o.ref === ref);
}

/**
 * The program's dates when it is run in a given year: a calendar year, or a range such as
 * April–November (S3.2) or June to the next May (S1.1: "2010年6月—2011年6月，为期一年").
 */
export function programRange(template: Pick<ProgramTemplate, 'defaultPeriod'>, year: number): DateRange {
  const p = template.defaultPeriod;
  if (p.kind === 'year') return { start: civilDate(year, 1, 1), end: civilDate(year, 12, 31) };
  const start = monthDayIn(p.from, year);
  return { start, end: addDays(addMonths(start, p.months), -1) };
}

function monthDayIn(monthDay: string, year: number): CivilDate {
  const [m, d] = monthDay.split('-').map(Number);
  return clampedCivilDate(year, m ?? 1, d ?? 1);
}

/**
 * An 'MM-DD' in a template means its first occurrence on or after the program's start: for a
 * June–May program '03-31' is next March; for April–November '12-31' is the same year (S3.6
 * lecture materials are due after the field work ends).
 */
export function resolveMonthDay(monthDay: string, programStart: CivilDate): CivilDate {
  const { year } = civilParts(programStart);
  const sameYear = monthDayIn(monthDay, year);
  return sameYear >= programStart ? sameYear : monthDayIn(monthDay, year + 1);
}

export interface DeliverableDue {
  periodKey: string;
  due: CivilDate | null;
}

/** Deadlines of a deliverable, one per period (once per program unless the template says per year). */
export function deliverableDueDates(deliverable: TemplateDeliverable, program: DateRange): DeliverableDue[] {
  const periods = enumeratePeriods(deliverable.period ?? 'program', program.start, program.end);
  return periods.map((period) => {
    const rule = deliverable.due;
    if (rule === undefined) return { periodKey: period.key, due: null };
    if (typeof rule === 'string') return { periodKey: period.key, due: resolveMonthDay(rule, period.start) };
    return { periodKey: period.key, due: dueDate(rule, period) };
  });
}

export type QuotaStage = 'nomination' | 'decision';
export type QuotaState = 'ok' | 'short' | 'over';

export interface ParentQuota {
  parentId: string;
  count: number;
  min: number;
  max: number;
  state: QuotaState;
  /** Chinese, for the list of counties that still owe nominations. */
  message: string;
}

export interface QuotaCheck {
  ok: boolean;
  parents: ParentQuota[];
}

/**
 * Whether each parent org (a county, S0.1) has nominated or been given the right number of holders.
 * Nomination: at least enough to fill the quota, at most the slate size (`nominate`, 2 demo towns).
 * Decision: between `min` and `count` (S4.9: 1–2 demonstration townships). Pass every parent,
 * with 0 for those that sent nothing, so that silence shows up as short.
 */
export function roleQuotaCheck(role: TemplateRole, perParent: Readonly<Record<string, number>>, stage: QuotaStage = 'nomination'): QuotaCheck {
  const quota = role.quota;
  if (!quota) {
    return { ok: true, parents: Object.entries(perParent).map(([parentId, count]) => ({ parentId, count, min: 0, max: Infinity, state: 'ok', message: '不限名额' })) };
  }
  const min = quota.min ?? quota.count;
  const max = stage === 'nomination' ? (quota.nominate ?? quota.count) : quota.count;
  const verb = stage === 'nomination' ? '推荐' : '确定';
  const parents = Object.keys(perParent)
    .sort()
    .map((parentId): ParentQuota => {
      const count = perParent[parentId] ?? 0;
      const state: QuotaState = count < min ? 'short' : count > max ? 'over' : 'ok';
      const range = min === max ? `${min}` : `${min}–${max}`;
      const message =
        state === 'ok' ? `已${verb} ${count} 个${role.name}` : `${role.name}应${verb} ${range} 个，现为 ${count} 个`;
      return { parentId, count, min, max, state, message };
    });
  return { ok: parents.every((p) => p.state === 'ok'), parents };
}
