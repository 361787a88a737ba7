/**
 * What an approval locks in: the computed values and the records behind them. A record changed
 * afterwards shows as a difference against this snapshot, and the approver decides whether to reopen.
 */
import type { FilledForm, FormCell } from './types';
import { FOOTER_ROW_KEY, cellKey } from './types';

export interface SnapshotCell {
  value: number | string | null;
  recordIds: string[];
}
export type FormSnapshot = Record<string, SnapshotCell>;

export interface CellChange {
  cellKey: string;
  rowKey: string;
  column: string;
  before: SnapshotCell['value'];
  after: SnapshotCell['value'];
  addedRecordIds: string[];
  removedRecordIds: string[];
}

function eachComputed(filled: FilledForm, visit: (rowKey: string, cell: FormCell) => void) {
  for (const row of filled.rows) for (const cell of row.cells) if (cell.source !== 'typed') visit(row.key, cell);
  for (const cell of filled.footer) if (cell.source !== 'typed') visit(FOOTER_ROW_KEY, cell);
}

export function snapshotOf(filled: FilledForm): FormSnapshot {
  const out: FormSnapshot = {};
  eachComputed(filled, (rowKey, cell) => { out[cellKey(rowKey, cell.column)] = { value: cell.value, recordIds: [...cell.recordIds] }; });
  return out;
}

/** Cells whose value or records differ from the snapshot, in the form's order. */
export function diffSnapshot(snapshot: FormSnapshot, current: FilledForm): CellChange[] {
  const changes: CellChange[] = [];
  eachComputed(current, (rowKey, cell) => {
    const key = cellKey(rowKey, cell.column);
    const before = snapshot[key] ?? { value: null, recordIds: [] };
    const had = new Set(before.recordIds);
    const has = new Set(cell.recordIds);
    const added = cell.recordIds.filter((id) => !had.has(id));
    const removed = before.recordIds.filter((id) => !has.has(id));
    if (before.value !== cell.value || added.length || removed.length) {
      changes.push({ cellKey: key, rowKey, column: cell.column, before: before.value, after: cell.value, addedRecordIds: added, removedRecordIds: removed });
    }
  });
  return changes;
}
