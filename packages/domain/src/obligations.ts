/**
 * Obligations (工作要求/频次): "who must do what, how much, how often", as plain serializable data
 * so that each seed program is configuration, not code. Compliance is computed from records.
 */
import { isCivilDate, type CivilDate } from './dates';
import { enumeratePeriods, intersectRanges, isPeriodType, type DateRange, type Period, type PeriodType } from './periods';
import { isWindowKind, type WindowKind } from './windows';

export const OBLIGATION_SUBJECT_KINDS = ['role', 'pairing_side', 'department', 'cadre', 'org_kind'] as const;
export type ObligationSubjectKind = (typeof OBLIGATION_SUBJECT_KINDS)[number];

export const MEASURES = ['count', 'full_days', 'people_reached', 'amount', 'distinct_days'] as const;
export type Measure = (typeof MEASURES)[number];

/** Administrative levels from the top down (GB/T 2260 plus township and village). */
export const ORG_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export type MaxLevel = 'county' | 'township' | 'village';

export interface Obligation {
  id: string;
  who: { kind: ObligationSubjectKind; ref: string };
  what: {
    recordKinds: string[];
    /** The record must name the subject's pairing partner (S0.9 joint activity). */
    jointWithPartner?: boolean;
    /** maxLevel 'county': the record must happen at county level or below (S3.2). */
    condition?: { maxLevel?: MaxLevel };
  };
  measure: Measure;
  min: number;
  period: PeriodType;
  window?: WindowKind;
  activeFrom?: CivilDate | null;
  activeTo?: CivilDate | null;
}

/** The facts of one record (活动/工作记录) that compliance needs. */
export interface RecordFact {
  id: string;
  subjectId: string;
  kind: string;
  date: CivilDate;
  /** Length of a stay in days; a record without it stands for one day. */
  days?: number;
  peopleReached?: number;
  amount?: number;
  partnerIds?: string[];
  orgLevel?: string;
  verified: boolean;
}

export function isOrgLevel(value: unknown): value is OrgLevel {
  return typeof value === 'string' && (ORG_LEVELS as readonly string[]).includes(value);
}

/** Unknown or missing levels fail the condition: an unverifiable place cannot prove "county or below". */
export function levelAtOrBelow(level: string | undefined, maxLevel: MaxLevel): boolean {
  if (!isOrgLevel(level)) return false;
  return ORG_LEVELS.indexOf(level) >= ORG_LEVELS.indexOf(maxLevel);
}

/** Problems with an obligation definition, in English for logs; empty when it is valid. */
export function validateObligation(o: Obligation): string[] {
  const errors: string[] = [];
  if (!o.id) errors.push('id is required');
  if (!(OBLIGATION_SUBJECT_KINDS as readonly string[]).includes(o.who?.kind)) errors.push(`who.kind is invalid: ${o.who?.kind}`);
  if (!o.who?.ref) errors.push('who.ref is required');
  if (!Array.isArray(o.what?.recordKinds) || o.what.recordKinds.length === 0) errors.push('what.recordKinds must not be empty');
  const maxLevel = o.what?.condition?.maxLevel;
  if (maxLevel !== undefined && !['county', 'township', 'village'].includes(maxLevel)) errors.push(`invalid maxLevel: ${maxLevel}`);
  if (!(MEASURES as readonly string[]).includes(o.measure)) errors.push(`measure is invalid: ${o.measure}`);
  if (typeof o.min !== 'number' || !Number.isFinite(o.min) || o.min < 0) errors.push('min must be a non-negative number');
  if (!isPeriodType(o.period)) errors.push(`period is invalid: ${o.period}`);
  if (o.window !== undefined && !isWindowKind(o.window)) errors.push(`window is invalid: ${o.window}`);
  if (o.activeFrom != null && !isCivilDate(o.activeFrom)) errors.push('activeFrom must be a civil date');
  if (o.activeTo != null && !isCivilDate(o.activeTo)) errors.push('activeTo must be a civil date');
  if (o.activeFrom && o.activeTo && o.activeFrom > o.activeTo) errors.push('activeFrom is after activeTo');
  return errors;
}

/** An open-ended interval as a concrete range; the bounds stand for "since ever" and "forever". */
export function activeRange(from?: CivilDate | null, to?: CivilDate | null): DateRange {
  return { start: from ?? '0001-01-01', end: to ?? '9999-12-31' };
}

/**
 * The periods in which an obligation applies within a program window, clipped to both the
 * window and the obligation's own activeFrom/activeTo.
 */
export function obligationPeriods(obligation: Obligation, program: DateRange): Period[] {
  const range = intersectRanges(program, activeRange(obligation.activeFrom, obligation.activeTo));
  if (!range) return [];
  return enumeratePeriods(obligation.period, range.start, range.end);
}

/**
 * Whether a record is of the right kind, place and partner for the obligation. Which subject
 * it belongs to and when it happened are checked by the compliance evaluation.
 */
export function recordQualifies(obligation: Obligation, record: RecordFact, partnerIds: readonly string[] = []): boolean {
  if (!obligation.what.recordKinds.includes(record.kind)) return false;
  const maxLevel = obligation.what.condition?.maxLevel;
  if (maxLevel && !levelAtOrBelow(record.orgLevel, maxLevel)) return false;
  if (obligation.what.jointWithPartner) {
    const listed = record.partnerIds ?? [];
    if (!partnerIds.some((p) => listed.includes(p))) return false;
  }
  return true;
}
