/**
 * A form filled from records (X.2): every computed cell carries the records behind it, the total row
 * counts each record once however many rows it serves, and typed cells stay apart from computed ones.
 */
import type { FormColumnDef, FormComputeDef } from '../templates/form-schema';
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

type RecordOp = Exclude<FormComputeDef, { op: 'ratio' }>;
type Figure = keyof CellFigures;
const FIGURES: readonly Figure[] = ['reported', 'verified', 'spotChecked'];

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
}

const byDateThenId = (a: FormFact, b: FormFact) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The records of one row (or of the rows a total covers) that a column counts. */
function qualifying(op: RecordOp, input: FormInput, subjects: ReadonlySet<string>): FormFact[] {
  const kinds = new Set(op.recordKinds);
  const counterparts = op.partnerRoles ? new Set(op.partnerRoles.flatMap((r) => input.roleHolders[r] ?? [])) : null;
  return input.facts
    .filter((f) => {
      if (!kinds.has(f.kind) || f.date < input.period.start || f.date > input.period.end) return false;
      const own = f.subjectKeys.some((k) => subjects.has(k));
      if (!own && !(op.asPartner && f.partnerKeys.some((k) => subjects.has(k)))) return false;
      // The other side of the record (whoever of recorder and partners is not the row) must hold one of the roles.
      if (counterparts && ![...f.subjectKeys, ...f.partnerKeys].some((k) => !subjects.has(k) && counterparts.has(k))) return false;
      if (op.where && f.fields[op.where.field] !== op.where.equals) return false;
      return true;
    })
    .sort(byDateThenId);
}

function distinctValues(op: Extract<FormComputeDef, { op: 'distinct' }>, f: FormFact): string[] {
  if (typeof op.by === 'object') {
    const v = f.fields[op.by.field];
    return v === undefined || v === null || v === '' ? [] : [String(v)];
  }
  switch (op.by) {
    case 'org': return f.subjectKeys.filter((k) => k.startsWith('org:')).slice(0, 1);
    case 'partner': return [...f.partnerKeys];
    case 'cadre': return f.subjectKeys.filter((k) => k.startsWith('cadre:'));
    case 'date': return [f.date];
    case 'place': return f.placeKey ? [f.placeKey] : [];
  }
}

function measure(op: RecordOp, facts: readonly FormFact[]): number | string {
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
      return new Set(facts.flatMap((f) => distinctValues(op, f))).size;
    case 'list':
      return facts.map((f) => f.fields[op.field]).filter((v) => v !== undefined && v !== null && v !== '').map(String).join('\n');
  }
}

const subsets: Record<Figure, (f: FormFact) => boolean> = { reported: () => true, verified: (f) => f.verified, spotChecked: (f) => f.spotChecked === true };

function recordCell(column: FormColumnDef, op: RecordOp, input: FormInput, subjects: ReadonlySet<string>): FormCell {
  const facts = qualifying(op, input, subjects);
  const counts: 'reported' | 'verified' = input.verifiedOnly || op.counts === 'verified' ? 'verified' : 'reported';
  const behind = facts.filter(subsets[counts]);
  const base = { column: column.id, source: 'computed' as const, counts, recordIds: behind.map((f) => f.id), holderKeys: [], mobiles: [] };
  if (op.op === 'list') {
    const text = measure(op, behind) as string;
    return { ...base, value: text === '' ? null : text, figures: null };
  }
  const figures = Object.fromEntries(FIGURES.map((k) => [k, measure(op, facts.filter(subsets[k])) as number])) as unknown as CellFigures;
  return { ...base, value: figures[counts], figures };
}

function attributeCell(column: FormColumnDef, input: FormInput, row: { subjects: readonly string[] }): FormCell {
  const attr = column.attribute!;
  const keys = attr.roles
    ? attr.roles.flatMap((r) => [...(input.reporterHolders[r]?.approved ?? []), ...(attr.includeNominated ? input.reporterHolders[r]?.nominated ?? [] : [])])
    : [...row.subjects];
  const unique = [...new Set(keys)].filter((k) => input.registry[k]);
  const mobiles: string[] = [];
  const lines = unique.map((k) => {
    const e = input.registry[k]!;
    const mobile = e.leaderMobile ?? '';
    const uses = attr.field === 'leader_mobile' || attr.field === 'leader_contact';
    if (uses && mobile) mobiles.push(mobile);
    switch (attr.field) {
      case 'name': return e.name;
      case 'leader': return e.leaderName ?? '';
      case 'leader_mobile': return mobile;
      case 'leader_contact': return [e.leaderName ?? '', mobile].filter(Boolean).join(' ');
    }
  });
  const text = lines.join('\n');
  return { column: column.id, source: 'attribute', value: text.trim() === '' ? null : text, figures: null, counts: null, recordIds: [], holderKeys: unique, mobiles };
}

function typedCell(column: FormColumnDef, value: FormCell['value']): FormCell {
  return { column: column.id, source: 'typed', value, figures: null, counts: null, recordIds: [], holderKeys: [], mobiles: [] };
}

const numeric = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function ratioCell(column: FormColumnDef, cells: readonly FormCell[]): FormCell {
  const op = column.compute as Extract<FormComputeDef, { op: 'ratio' }>;
  const num = cells.find((c) => c.column === op.numerator)!;
  const den = cells.find((c) => c.column === op.denominator)!;
  const divide = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : roundTo((a / b) * (op.percent ? 100 : 1), op.decimals ?? 2));
  const pick = (c: FormCell, k: Figure) => (c.figures ? c.figures[k] : numeric(c.value));
  const figures = Object.fromEntries(FIGURES.map((k) => [k, divide(pick(num, k), pick(den, k))])) as unknown as CellFigures;
  const counts = num.counts ?? den.counts ?? 'reported';
  const ids = [...new Set([...num.recordIds, ...den.recordIds])];
  return { column: column.id, source: 'computed', value: divide(numeric(num.value), numeric(den.value)), figures, counts, recordIds: ids, holderKeys: [], mobiles: [] };
}

/** The cells of one row; `sumOf` gives a total row the typed numbers of the rows above. */
function rowCells(columns: readonly FormColumnDef[], input: FormInput, rowKey: string, row: FormRowInput | { kind: 'footer'; subjects: readonly string[] }, sumOf?: (columnId: string) => number | null): FormCell[] {
  const subjects = new Set(row.subjects);
  const cells: FormCell[] = columns.map((c) => {
    if (c.typed) {
      if (sumOf && c.typed.type === 'number') return typedCell(c, sumOf(c.id));
      return typedCell(c, input.typed[cellKey(rowKey, c.id)] ?? null);
    }
    if (c.attribute) {
      if (row.kind === 'total' || row.kind === 'fixed') return { ...typedCell(c, null), source: 'attribute' };
      return attributeCell(c, input, row);
    }
    if (c.compute!.op === 'ratio') return typedCell(c, null); // filled below, once its operands exist
    if (row.kind === 'fixed') return { ...typedCell(c, null), source: 'computed' };
    return recordCell(c, c.compute as RecordOp, input, subjects);
  });
  return cells.map((cell, i) => (columns[i]!.compute?.op === 'ratio' ? ratioCell(columns[i]!, cells) : cell));
}

export function computeForm(input: FormInput): FilledForm {
  const { form } = input;
  const subjectRows = input.rows.filter((r) => r.kind === 'subjects');
  const allSubjects = [...new Set(subjectRows.flatMap((r) => r.subjects))];
  const out: FormRowOutput[] = [];
  for (const row of input.rows) {
    if (row.kind !== 'total') {
      out.push({ key: row.key, label: row.label, kind: row.kind, cells: rowCells(form.columns, input, row.key, row) });
      continue;
    }
    const above = out.filter((r) => r.kind !== 'total');
    const sumOf = (columnId: string) => {
      const values = above.map((r) => numeric(r.cells.find((c) => c.column === columnId)?.value)).filter((v): v is number => v !== null);
      return values.length ? roundTo(values.reduce((a, b) => a + b, 0), 6) : null;
    };
    // Records are counted over the union of the rows' subjects: a meeting of two paired rows is one meeting in the total.
    out.push({ key: row.key, label: row.label, kind: 'total', cells: rowCells(form.columns, input, row.key, { ...row, subjects: allSubjects }, sumOf) });
  }
  const footer = rowCells(form.footer ?? [], input, FOOTER_ROW_KEY, { kind: 'footer', subjects: allSubjects });
  return { rows: out, footer };
}
