/**
 * A form filled from records (X.2): every computed cell carries the records behind it, the total row
 * counts each record once however many rows it serves, and typed cells stay apart from computed ones.
 */
import type { FormColumnDef, FormComputeDef } from '../templates/form-schema';
import { cellWithOrgs, orgsCell, targetCell } from './registry-cells';
import {
  FOOTER_ROW_KEY,
  cellKey,
  type CellFigures,
  type FilledForm,
  type FormCell,
  type FormFact,
  type FormInput,
  type FormRowInput,
  type FormRowOutput,
} from './types';

type Op = FormComputeDef;
type RecordOp = Extract<Op, { recordKinds: string[] }>;
type Condition = NonNullable<RecordOp['where']>;
type Figure = keyof CellFigures;
const FIGURES: readonly Figure[] = ['reported', 'verified', 'spotChecked'];

/** Who a cell counts for: the holders of a row, or the records that are the rows. */
export interface CellScope {
  subjects: ReadonlySet<string>;
  recordIds: ReadonlySet<string> | null;
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}

const byDateThenId = (a: FormFact, b: FormFact) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function meets(f: FormFact, c: Condition): boolean {
  const v = f.fields[c.field];
  if (c.equals !== undefined) return v === c.equals;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return false;
  return c.lt !== undefined ? n < c.lt : n >= c.gte!;
}

/** Whether a record belongs to the row: as one of its records, where it happened, who recorded it, or as the partner named. */
function belongs(op: RecordOp, f: FormFact, scope: CellScope): boolean {
  if (scope.recordIds) return scope.recordIds.has(f.id);
  if (op.at === 'place') return (f.placePathKeys ?? []).some((k) => scope.subjects.has(k));
  if (f.subjectKeys.some((k) => scope.subjects.has(k))) return true;
  return op.asPartner === true && f.partnerKeys.some((k) => scope.subjects.has(k));
}

/** The records a column counts in one row (or over the rows a total covers). */
function qualifying(op: RecordOp, input: FormInput, scope: CellScope): FormFact[] {
  const kinds = new Set(op.recordKinds);
  const counterparts = op.partnerRoles ? new Set(op.partnerRoles.flatMap((r) => input.roleHolders[r] ?? [])) : null;
  return input.facts
    .filter((f) => {
      if (!kinds.has(f.kind) || f.date < input.period.start || f.date > input.period.end) return false;
      if (!belongs(op, f, scope)) return false;
      if (op.byReporter && !f.subjectKeys.includes(input.reporterKey)) return false;
      // The other side of the record (whoever of recorder and partners is not the row) must hold one of the roles.
      if (counterparts && ![...f.subjectKeys, ...f.partnerKeys].some((k) => !scope.subjects.has(k) && counterparts.has(k))) return false;
      if (op.where && !meets(f, op.where)) return false;
      if (op.whereAny && !op.whereAny.some((c) => meets(f, c))) return false;
      return true;
    })
    .sort(byDateThenId);
}

function distinctValues(op: Extract<Op, { op: 'distinct' }>, f: FormFact, scope: CellScope): string[] {
  if (typeof op.by === 'object') {
    const v = f.fields[op.by.field];
    if (v === undefined || v === null || v === '') return [];
    // The same step taken with two townships is two steps: the value is paired with each partner the cell covers.
    if (op.by.per !== 'partner') return [String(v)];
    const partners = scope.recordIds ? f.partnerKeys : f.partnerKeys.filter((k) => scope.subjects.has(k));
    return partners.map((k) => `${k} ${String(v)}`);
  }
  switch (op.by) {
    case 'org': return f.subjectKeys.filter((k) => k.startsWith('org:')).slice(0, 1);
    case 'partner': return [...f.partnerKeys];
    case 'cadre': return f.subjectKeys.filter((k) => k.startsWith('cadre:'));
    case 'date': return [f.date];
    case 'place': return f.placeKey ? [f.placeKey] : [];
  }
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

function listLine(op: Extract<Op, { op: 'list' }>, f: FormFact): string | null {
  const main = f.fields[op.field];
  if (!present(main)) return null;
  const detail = op.detail ? f.fields[op.detail] : undefined;
  return present(detail) ? `${String(main)}：${String(detail)}` : String(main);
}

function measure(op: RecordOp, facts: readonly FormFact[], scope: CellScope): number | string {
  switch (op.op) {
    case 'count':
      return facts.length;
    case 'sum': {
      let total = 0;
      for (const f of facts) {
        const raw = op.quantity ? f[op.quantity] : f.fields[op.field!];
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : 0;
        if (Number.isFinite(n)) total += n;
      }
      return roundTo(total * (op.scale ?? 1), op.decimals ?? 2);
    }
    case 'distinct':
      return new Set(facts.flatMap((f) => distinctValues(op, f, scope))).size;
    case 'list':
      // A branch checked twice this month is still one name beside the count of branches (S3.7 数量及名称).
      return [...new Set(facts.map((f) => listLine(op, f)).filter((x): x is string => x !== null))].join('\n');
  }
}

const subsets: Record<Figure, (f: FormFact) => boolean> = { reported: () => true, verified: (f) => f.verified, spotChecked: (f) => f.spotChecked === true };

export const emptyCell = (column: FormColumnDef, source: FormCell['source'], value: FormCell['value'] = null): FormCell =>
  ({ column: column.id, source, value, figures: null, counts: null, recordIds: [], holderKeys: [], mobiles: [] });

function recordCell(column: FormColumnDef, op: RecordOp, input: FormInput, scope: CellScope): FormCell {
  const facts = qualifying(op, input, scope);
  const counts: 'reported' | 'verified' = input.verifiedOnly || op.counts === 'verified' ? 'verified' : 'reported';
  const behind = facts.filter(subsets[counts]);
  const base = { ...emptyCell(column, 'computed'), counts, recordIds: behind.map((f) => f.id) };
  if (op.op === 'list') {
    const text = measure(op, behind, scope) as string;
    return { ...base, value: text === '' ? null : text };
  }
  const figures = Object.fromEntries(FIGURES.map((k) => [k, measure(op, facts.filter(subsets[k]), scope) as number])) as unknown as CellFigures;
  return { ...base, value: figures[counts], figures };
}

/** A field of the record that is the row (S2.4 one visit per row). */
function fieldCell(column: FormColumnDef, field: string, input: FormInput, row: FormRowInput): FormCell {
  const fact = input.facts.find((f) => f.id === row.recordId);
  if (!fact) return emptyCell(column, 'computed');
  const v = fact.fields[field];
  const value = typeof v === 'number' ? v : present(v) ? (Array.isArray(v) ? v.join('、') : String(v)) : null;
  return { ...emptyCell(column, 'computed', value), counts: fact.verified ? 'verified' : 'reported', recordIds: [fact.id] };
}

function attributeCell(column: FormColumnDef, input: FormInput, row: { subjects: readonly string[] }): FormCell {
  const attr = column.attribute!;
  let keys: string[];
  if (attr.roles) keys = attr.roles.flatMap((r) => [...(input.reporterHolders[r]?.approved ?? []), ...(attr.includeNominated ? input.reporterHolders[r]?.nominated ?? [] : [])]);
  else if (attr.partnersOn) keys = row.subjects.flatMap((s) => input.partners?.[attr.partnersOn!]?.[s] ?? []);
  else keys = [...row.subjects];
  const unique = [...new Set(keys)].filter((k) => input.registry[k]);
  const mobiles: string[] = [];
  const lines = unique.map((k) => {
    const e = input.registry[k]!;
    const mobile = e.leaderMobile ?? '';
    if ((attr.field === 'leader_mobile' || attr.field === 'leader_contact') && mobile) mobiles.push(mobile);
    switch (attr.field) {
      case 'name': return e.name;
      case 'leader': return e.leaderName ?? '';
      case 'leader_mobile': return mobile;
      case 'leader_contact': return [e.leaderName ?? '', mobile].filter(Boolean).join(' ');
    }
  });
  // A department's cities read as one line (S3.1 梅州、清远); leaders and contacts keep one holder per line.
  const text = lines.join(attr.partnersOn && attr.field === 'name' ? '、' : '\n');
  return { ...emptyCell(column, 'attribute', text.trim() === '' ? null : text), holderKeys: unique, mobiles };
}

const numeric = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function ratioCell(column: FormColumnDef, cells: readonly FormCell[]): FormCell {
  const op = column.compute as Extract<Op, { op: 'ratio' }>;
  const num = cells.find((c) => c.column === op.numerator)!;
  const den = cells.find((c) => c.column === op.denominator)!;
  const divide = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : roundTo((a / b) * (op.percent ? 100 : 1), op.decimals ?? 2));
  const pick = (c: FormCell, k: Figure) => (c.figures ? c.figures[k] : numeric(c.value));
  const figures = Object.fromEntries(FIGURES.map((k) => [k, divide(pick(num, k), pick(den, k))])) as unknown as CellFigures;
  const ids = [...new Set([...num.recordIds, ...den.recordIds])];
  return { ...emptyCell(column, 'computed', divide(numeric(num.value), numeric(den.value))), figures, counts: num.counts ?? den.counts, recordIds: ids, holderKeys: cellWithOrgs(num, den) };
}

type RowLike = FormRowInput | { kind: 'footer'; key: string; label: string; subjects: readonly string[]; recordId?: undefined };

/** The cells of one row; `sumOf` gives a total row the typed numbers (and record fields) of the rows above. */
function rowCells(columns: readonly FormColumnDef[], input: FormInput, row: RowLike, scope: CellScope, sumOf?: (columnId: string) => number | null): FormCell[] {
  const cells: FormCell[] = columns.map((c) => {
    if (c.typed) {
      if (sumOf && c.typed.type === 'number' && c.typed.total !== 'typed') return emptyCell(c, 'typed', sumOf(c.id));
      return emptyCell(c, 'typed', input.typed[cellKey(row.key, c.id)] ?? null);
    }
    const fixed = row.kind === 'fixed';
    if (c.attribute) return row.kind === 'total' || fixed ? emptyCell(c, 'attribute') : attributeCell(c, input, row);
    const op = c.compute!;
    if (op.op === 'ratio' || fixed) return emptyCell(c, 'computed'); // a ratio is filled below, once its operands exist
    if (op.op === 'field') return row.kind === 'record' ? fieldCell(c, op.field, input, row) : emptyCell(c, 'computed', sumOf ? sumOf(c.id) : null);
    if (op.op === 'orgs') return orgsCell(c, op, input, scope.subjects);
    if (op.op === 'target') return targetCell(c, op, input, scope.subjects);
    return recordCell(c, op, input, scope);
  });
  return cells.map((cell, i) => (columns[i]!.compute?.op === 'ratio' ? ratioCell(columns[i]!, cells) : cell));
}

export function computeForm(input: FormInput): FilledForm {
  const { form } = input;
  const above = input.rows.filter((r) => r.kind === 'subjects' || r.kind === 'record');
  const allSubjects = new Set(above.flatMap((r) => r.subjects));
  const recordRows = above.filter((r) => r.kind === 'record');
  // A form whose rows are records totals over those records; otherwise over the union of the rows' subjects.
  const totalScope: CellScope = { subjects: allSubjects, recordIds: recordRows.length ? new Set(recordRows.map((r) => r.recordId!)) : null };
  const out: FormRowOutput[] = [];
  for (const row of input.rows) {
    if (row.kind !== 'total') {
      const scope: CellScope = { subjects: new Set(row.subjects), recordIds: row.kind === 'record' ? new Set([row.recordId!]) : null };
      out.push({ key: row.key, label: row.label, kind: row.kind, cells: rowCells(form.columns, input, row, scope) });
      continue;
    }
    const rowsAbove = out.filter((r) => r.kind !== 'total');
    const sumOf = (columnId: string) => {
      const values = rowsAbove.map((r) => numeric(r.cells.find((c) => c.column === columnId)?.value)).filter((v): v is number => v !== null);
      return values.length ? roundTo(values.reduce((a, b) => a + b, 0), 6) : null;
    };
    // A meeting of two paired rows is one meeting in the total: records are counted over the union, once.
    out.push({ key: row.key, label: row.label, kind: 'total', cells: rowCells(form.columns, input, row, totalScope, sumOf) });
  }
  const footer = rowCells(form.footer ?? [], input, { kind: 'footer', key: FOOTER_ROW_KEY, label: '', subjects: [...allSubjects] }, totalScope);
  return { rows: out, footer };
}
