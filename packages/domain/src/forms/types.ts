/**
 * What form computation reads and what it produces. The server resolves who the rows are and which
 * records exist; everything a cell shows is decided here, without I/O, so it can be tested cell by cell.
 */
import type { CivilDate } from '../dates';
import type { DateRange } from '../periods';
import type { TemplateForm } from '../templates/form-schema';

/** One record as a form sees it. */
export interface FormFact {
  id: string;
  kind: string;
  date: CivilDate;
  /** Holder keys the record speaks for: its org first, then its department and cadres ('org:1', 'department:2', 'cadre:3'). */
  subjectKeys: readonly string[];
  /** Holder keys of the partners it names. */
  partnerKeys: readonly string[];
  placeKey?: string | null;
  /** The place and the orgs above it ('org:1', …, the place last): whose subtree the record happened in. */
  placePathKeys?: readonly string[];
  days?: number | null;
  peopleReached?: number | null;
  amount?: number | null;
  fields: Readonly<Record<string, unknown>>;
  verified: boolean;
  /** Drawn in a spot check and found as recorded (S3.8, S4.8). */
  spotChecked?: boolean;
}

export type FormRowKind = 'subjects' | 'record' | 'fixed' | 'total';

export interface FormRowInput {
  /** Stable within a form: 'role:demo_town', 'org:12', 'fixed:others', 'total'. */
  key: string;
  label: string;
  kind: FormRowKind;
  /** Holder keys whose records fill the row. */
  subjects: readonly string[];
  /** A row that is one record (S2.4 a visit): the record's id. */
  recordId?: string;
}

/** An org of the registry, for cells that count orgs (S4.2 direct orgs founded). */
export interface OrgFact {
  key: string;
  /** The orgs above it, not itself. */
  ancestorKeys: readonly string[];
  kind: string;
  sector: string | null;
  foundedOn: CivilDate | null;
  dissolvedOn: CivilDate | null;
}

export interface RegistryEntry {
  name: string;
  leaderName?: string | null;
  leaderMobile?: string | null;
}

export type TypedValue = string | number | null;

export interface FormInput {
  form: TemplateForm;
  period: DateRange;
  rows: readonly FormRowInput[];
  facts: readonly FormFact[];
  /** Approved holders of each role in the program, for partnerRoles filters. */
  roleHolders: Readonly<Record<string, readonly string[]>>;
  /** Holders of each role under the reporter, for attribute columns. */
  reporterHolders: Readonly<Record<string, { approved: readonly string[]; nominated: readonly string[] }>>;
  registry: Readonly<Record<string, RegistryEntry>>;
  /** Typed values by cell key ('role:demo_town/remarks'). */
  typed: Readonly<Record<string, TypedValue>>;
  /** S3.8: only verified records count. */
  verifiedOnly: boolean;
  /** Who reports: byReporter filters keep the records that speak for it. */
  reporterKey: string;
  orgFacts?: readonly OrgFact[];
  /** Split targets: target id → holder key → the part allocated to it. */
  targetParts?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Pairing partners: side id → holder key → the partners on that side. */
  partners?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export interface CellFigures {
  /** Over every submitted or verified record. */
  reported: number | null;
  verified: number | null;
  spotChecked: number | null;
}

export interface FormCell {
  column: string;
  source: 'computed' | 'attribute' | 'typed';
  value: number | string | null;
  /** Computed numbers: reported, verified and spot-checked side by side (issue 5). */
  figures: CellFigures | null;
  counts: 'reported' | 'verified' | null;
  /** The records behind the value, by date then id (X.2). */
  recordIds: string[];
  /** The registry holders behind an attribute value. */
  holderKeys: string[];
  /** Mobile numbers inside the value, so a presenter can mask them. */
  mobiles: string[];
}

export interface FormRowOutput {
  key: string;
  label: string;
  kind: FormRowKind;
  cells: FormCell[];
}

export interface FilledForm {
  rows: FormRowOutput[];
  footer: FormCell[];
}

export const FOOTER_ROW_KEY = 'footer';
export const cellKey = (rowKey: string, columnId: string) => `${rowKey}/${columnId}`;
