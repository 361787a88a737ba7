import { describe, expect, it } from 'vitest';
import { diffSnapshot, snapshotOf } from './snapshot';
import { typedCells, typedValueProblem } from './typed';
import { byId, loadBuiltin } from '../templates/builtin.testing';
import type { FilledForm, FormCell } from './types';

const c = (column: string, value: FormCell['value'], recordIds: string[] = [], source: FormCell['source'] = 'computed'): FormCell =>
  ({ column, source, value, figures: null, counts: null, recordIds, holderKeys: [], mobiles: [] });
const form = (cells: FormCell[], footer: FormCell[] = []): FilledForm => ({ rows: [{ key: 'role:demo_town', label: '示范镇', kind: 'subjects', cells }], footer });

describe('approval snapshot and later changes', () => {
  const approved = form([c('meetings', 2, ['1', '2']), c('remarks', '手填', [], 'typed')], [c('problems', '无场地', ['5'])]);
  const snap = snapshotOf(approved);

  it('keeps computed values and their records, not typed ones', () => {
    expect(snap).toEqual({ 'role:demo_town/meetings': { value: 2, recordIds: ['1', '2'] }, 'footer/problems': { value: '无场地', recordIds: ['5'] } });
  });

  it('no change, no difference', () => {
    expect(diffSnapshot(snap, approved)).toEqual([]);
  });

  it('a record added, one withdrawn and a swap with the same count all show', () => {
    const later = form([c('meetings', 2, ['2', '3']), c('remarks', '改了', [], 'typed')], [c('problems', '无场地', ['5'])]);
    expect(diffSnapshot(snap, later)).toEqual([
      { cellKey: 'role:demo_town/meetings', rowKey: 'role:demo_town', column: 'meetings', before: 2, after: 2, addedRecordIds: ['3'], removedRecordIds: ['1'] },
    ]);
  });
});

describe('typed cells', () => {
  const s0 = loadBuiltin('s0-meizhou-pairing.yaml');
  it('S0.11 only the remarks may be typed; S0.10 has nothing to type', () => {
    expect([...typedCells(byId(s0.forms, 's0.11-pairing-table'), [{ key: 'org:5', kind: 'subjects' }]).keys()]).toEqual(['org:5/remarks']);
    expect(typedCells(byId(s0.forms, 's0.10-statistics'), [{ key: 'role:demo_town', kind: 'subjects' }, { key: 'total', kind: 'total' }]).size).toBe(0);
  });

  it('checks values against the column type', () => {
    expect(typedValueProblem('number', 3)).toBeNull();
    expect(typedValueProblem('number', -1)).toBe('应为不小于 0 的数字');
    expect(typedValueProblem('number', '3')).toBe('应为不小于 0 的数字');
    expect(typedValueProblem('date', '2014-02-30')).toBe('日期应写作“年-月-日”');
    expect(typedValueProblem('text', 'x'.repeat(2001))).toBe('不能超过 2000 字');
    expect(typedValueProblem('text', null)).toBeNull();
  });
});
