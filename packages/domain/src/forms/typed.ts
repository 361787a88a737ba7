/**
 * Typed cells: the only cells people fill in. Which cells may be typed follows from the form (a typed
 * column, on a row that is not a total of numbers), and each value is checked against its column's type.
 */
import { isCivilDate } from '../dates';
import type { TemplateForm } from '../templates/form-schema';
import { FOOTER_ROW_KEY, cellKey, type FormRowInput, type TypedValue } from './types';

export const MAX_TYPED_TEXT = 2000;

/** Cell keys a reporter may type into, each with its column. */
export function typedCells(form: TemplateForm, rows: readonly Pick<FormRowInput, 'key' | 'kind'>[]) {
  const out = new Map<string, { column: string; type: string }>();
  for (const row of rows) {
    for (const c of form.columns) {
      if (!c.typed || (row.kind === 'total' && c.typed.type === 'number' && c.typed.total !== 'typed')) continue;
      out.set(cellKey(row.key, c.id), { column: c.id, type: c.typed.type });
    }
  }
  for (const c of form.footer ?? []) if (c.typed) out.set(cellKey(FOOTER_ROW_KEY, c.id), { column: c.id, type: c.typed.type });
  return out;
}

/** A Chinese message when the value does not fit the column; null when it does. Null clears a cell. */
export function typedValueProblem(type: string, value: TypedValue): string | null {
  if (value === null) return null;
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e12 ? null : '应为不小于 0 的数字';
    case 'date':
      return typeof value === 'string' && isCivilDate(value) ? null : '日期应写作“年-月-日”';
    default:
      if (typeof value !== 'string') return '应为文字';
      return value.length > MAX_TYPED_TEXT ? `不能超过 ${MAX_TYPED_TEXT} 字` : null;
  }
}
