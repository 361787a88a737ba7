import { describe, expect, it } from 'vitest';
import type { TemplateAssessment } from '../templates/assessment-schema';
import { rankScores, scoreAssessment, scoreComponent, type ComponentFacts } from './score';

const scheme: TemplateAssessment = {
  id: 'county-annual', refs: ['X.4'], name: '县区团委年度考核', who: { kind: 'role', ref: 'county_committee' }, maxAdjustment: 5,
  components: [
    { id: 'visits', label: '走基层', weight: 40, measure: { kind: 'compliance', obligations: ['s2.3-visits'] } },
    { id: 'reports', label: '调研报告', weight: 20, measure: { kind: 'deliverables', deliverables: ['s2.5-report'], lateCredit: 0.5 } },
    { id: 'forms', label: '报表按时', weight: 20, measure: { kind: 'form_timeliness', forms: ['s2.4-visit-sheets-county'] } },
    { id: 'cases', label: '典型经验', weight: 20, measure: { kind: 'count', recordKinds: ['typical_case'], full: 2 } },
  ],
};
const cells = (...states: Array<'met' | 'partly' | 'missed' | 'upcoming' | 'not_applicable'>): ComponentFacts =>
  ({ kind: 'compliance', cells: states.map((state, i) => ({ state, recordIds: state === 'missed' ? [] : [`r${i}`] })) });

describe('X.4 assessment scores', () => {
  it('X.4 compliance: met counts 1, partly half by default, open periods do not count yet', () => {
    const s = scoreComponent(scheme.components[0]!, cells('met', 'met', 'partly', 'missed', 'upcoming', 'not_applicable'));
    expect(s).toMatchObject({ achieved: 2.5, possible: 4, ratio: 0.625, points: 25, explanation: '达标 2 个、部分达标 1 个（按 0.5 计），共 4 个周期：2.5/4' });
    expect(s.recordIds).toEqual(['r0', 'r1', 'r2']);
  });

  it('X.4 deliverables and forms: late earns the late credit, what is not due yet is left out', () => {
    expect(scoreComponent(scheme.components[1]!, { kind: 'deliverables', cells: [{ state: 'late', recordIds: ['9'] }, { state: 'due_soon', recordIds: [] }] }))
      .toMatchObject({ ratio: 0.5, points: 10, possible: 1 });
    expect(scoreComponent(scheme.components[2]!, { kind: 'form_timeliness', reports: [{ timeliness: 'on_time' }, { timeliness: 'overdue' }, { timeliness: 'late' }, { timeliness: 'pending' }] }))
      .toMatchObject({ achieved: 1.5, possible: 3, ratio: 0.5, points: 10 });
  });

  it('X.4 count, target, findings and average are capped at the full mark', () => {
    expect(scoreComponent(scheme.components[3]!, { kind: 'records', records: [1, 2, 3].map((i) => ({ id: String(i), fields: {} })) })).toMatchObject({ ratio: 1, points: 20 });
    const target = { id: 't', label: '建团', weight: 10, measure: { kind: 'target' as const, target: 'orgs' } };
    expect(scoreComponent(target, { kind: 'target', actual: 30, target: 40 })).toMatchObject({ ratio: 0.75, points: 7.5 });
    expect(scoreComponent(target, { kind: 'target', actual: 50, target: 40 })).toMatchObject({ ratio: 1, explanation: '完成 50，目标 40（超出部分不加分）' });
    expect(scoreComponent(target, { kind: 'target', actual: 5, target: null })).toMatchObject({ ratio: null, points: null });
    const findings = { id: 'f', label: '抽查', weight: 10, measure: { kind: 'findings' as const, recordKinds: ['spot_check'], pass: [{ field: 'has_cadre', equals: true }, { field: 'secretary_uses_zhtj', equals: true }] } };
    const recs = [{ id: '1', fields: { has_cadre: true, secretary_uses_zhtj: true } }, { id: '2', fields: { has_cadre: true, secretary_uses_zhtj: false } }, { id: '3', fields: { has_cadre: false } }, { id: '4', fields: { has_cadre: true, secretary_uses_zhtj: true } }];
    expect(scoreComponent(findings, { kind: 'records', records: recs })).toMatchObject({ achieved: 2, possible: 4, points: 5 });
    const average = { id: 'a', label: '青年评价', weight: 10, measure: { kind: 'average' as const, recordKinds: ['evaluation'], field: 'rating', scaleMax: 5 } };
    // S3.9 evaluations: an out-of-range 9 counts as 5, an empty answer is not an evaluation
    expect(scoreComponent(average, { kind: 'records', records: [{ id: '1', fields: { rating: 4 } }, { id: '2', fields: { rating: '3' } }, { id: '3', fields: { rating: 9 } }, { id: '4', fields: { rating: '' } }] }))
      .toMatchObject({ achieved: 4, possible: 5, ratio: 0.8, points: 8, recordIds: ['1', '2', '3'] });
  });

  it('X.4 a component with nothing to judge is not applicable and the rest is scaled to the full mark', () => {
    const [s] = scoreAssessment(scheme, [{ subjectKey: 'org:1', name: '源汇区', facts: { visits: cells('met', 'missed'), cases: { kind: 'records', records: [{ id: '1', fields: {} }] } } }]);
    // visits 20 of 40, cases 10 of 20: 30 of the 60 applicable points, scaled to 100
    expect(s!.components.map((c) => c.points)).toEqual([20, null, null, 10]);
    expect(s).toMatchObject({ base: 50, adjustment: 0, total: 50, rank: 1 });
  });

  it('X.4 adjustments come on top of the base, and the ranking shares ranks on ties', () => {
    const facts = (met: number) => ({ visits: cells(...Array.from({ length: 4 }, (_, i) => (i < met ? 'met' as const : 'missed' as const))) });
    const twoParts = { ...scheme, components: scheme.components.slice(0, 2) };
    const scores = scoreAssessment(twoParts, [
      { subjectKey: 'org:1', name: '源汇区', facts: facts(2) },
      { subjectKey: 'org:2', name: '郾城区', facts: facts(4) },
      { subjectKey: 'org:3', name: '召陵区', facts: facts(3), adjustments: [{ points: -15, reason: '数据造假，扣分' }] },
      { subjectKey: 'org:4', name: '舞阳县', facts: {} },
    ]);
    // the full mark of these two components is 60; without deliverables due, visits alone are scaled to it
    expect(scores.map((s) => [s.name, s.total, s.rank])).toEqual([['郾城区', 60, 1], ['源汇区', 30, 2], ['召陵区', 30, 2], ['舞阳县', null, null]]);
    expect(scores.find((s) => s.name === '召陵区')).toMatchObject({ base: 45, adjustment: -15 });
  });

  it('ranks 1, 2, 2, 4', () => {
    const rows = [10, 8, 8, 5].map((total, i) => ({ subjectKey: `k${i}`, name: `n${i}`, total }));
    expect(rankScores(rows).map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  });
});
