import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from './builtin.testing';
import { obligation, rec, run } from './compliance.testing';
import { deliverableDueDates, programRange } from './obligations-of';
import { evaluateStandard } from './standards';

const t = loadBuiltin('s3-guangdong-stationing.yaml');
const program = programRange(t, 2019);

describe('S3 Guangdong 2019 驻点', () => {
  it('S3.1 the assignment table pairs the provincial departments with all 21 prefecture-level cities', () => {
    const table = t.assignments?.find((a) => a.ref === 'S3.1');
    expect(table?.pairingMode).toBe('liaison');
    const rows = table?.rows ?? [];
    // Attachment 1 has 15 rows (SEEDS.md says 16); every city appears exactly once.
    expect(rows).toHaveLength(15);
    const cities = rows.flatMap((r) => r.cities ?? []);
    expect(cities).toHaveLength(21);
    expect(new Set(cities).size).toBe(21);
    expect(rows.find((r) => r.department?.[0] === '组织部')?.cities).toEqual(['梅州', '清远']);
    expect(rows.find((r) => r.department?.[0] === '基层组织建设部')?.cities).toEqual(['深圳', '韶关', '惠州']);
    expect(byId(t.pairingModes, 'liaison').sides.map((s) => s.count)).toEqual([1, { min: 1 }]);
  });

  it('S3.2 April–November; each department ≥ 3 days per month at county level or below', () => {
    expect(program).toEqual({ start: '2019-04-01', end: '2019-11-30' });
    const o = obligation(t, 'S3.2', 's3.2-department-days');
    expect(o).toMatchObject({ who: { kind: 'department', ref: 'liaison_department' }, what: { condition: { maxLevel: 'county' } }, measure: 'distinct_days', min: 3, period: 'month' });
    const records = [
      rec('dept', 'stationing_day', '2019-05-06', { orgLevel: 'county', days: 2 }),
      rec('dept', 'stationing_day', '2019-05-07', { orgLevel: 'township' }), // same day as above: one department-day
      rec('dept', 'stationing_day', '2019-05-20', { orgLevel: 'city' }), // a city-level stay does not count
      rec('dept', 'stationing_day', '2019-06-03', { orgLevel: 'village', days: 3 }),
    ];
    expect(run(o, { from: '2019-05-01', to: '2019-06-30', records, subjectId: 'dept' })).toEqual({ '2019-05': ['partly', 2], '2019-06': ['met', 3] });
  });

  it('S3.2 each participating cadre ≥ 10 full days per year; S3.8 unverified stays do not count', () => {
    const o = obligation(t, 'S3.2', 's3.2-cadre-days');
    expect(o).toMatchObject({ who: { kind: 'cadre', ref: 'stationing_cadre' }, measure: 'full_days', min: 10, period: 'year' });
    expect(t.verifiedOnly).toBe(true);
    const records = [
      rec('cadre', 'stationing_day', '2019-04-08', { orgLevel: 'county', days: 4.5 }), // 4 full days
      rec('cadre', 'stationing_day', '2019-07-08', { orgLevel: 'township', days: 6 }),
      rec('cadre', 'stationing_day', '2019-09-08', { orgLevel: 'township', days: 5, verified: false }),
    ];
    const base = { from: program.start, to: program.end, records, subjectId: 'cadre', verifiedOnly: t.verifiedOnly };
    expect(run(o, base)).toEqual({ '2019': ['met', 10] });
    expect(run(o, { ...base, records: records.slice(0, 1).concat(records.slice(2)) })).toEqual({ '2019': ['partly', 4] });
  });

  it('S3.3 branch secretaries’ duties to check in 智慧团建 and the "三会两制一课"', () => {
    const items = byId(t.standards, 'branch_secretary_duties').items.filter((i) => i.ref === 'S3.3');
    expect(items.map((i) => i.id)).toEqual(['member_records', 'member_check_in', 'membership_transfer', 'dues', 'rewards_sanctions', 'three_meetings']);
    expect(byId(t.roles, 'branch_secretary').standard).toBe('branch_secretary_duties');
  });

  it('S3.4 each city’s yearly baseline of non-public enterprises and social organizations to found', () => {
    for (const id of ['s3.4-non-public-baseline', 's3.4-social-org-baseline']) {
      const target = byId(t.targets, id);
      expect(target).toMatchObject({ who: { kind: 'role', ref: 'liaison_city' }, unit: '个' });
      expect(target.target).toBeUndefined(); // set per city when the program is instantiated
    }
  });

  it('S3.5 volunteer registration ≥ 90%, ≥ 3 services and ≥ 8 hours per volunteer per year', () => {
    expect(['s3.5-volunteer-rate', 's3.5-services', 's3.5-hours'].map((id) => [byId(t.targets, id).target, byId(t.targets, id).unit])).toEqual([
      [90, '%'],
      [3, '次'],
      [8, '小时'],
    ]);
  });

  it('S3.6 each cadre gives ≥ 1 lecture per year; materials by end of December; the project report by early December', () => {
    const o = obligation(t, 'S3.6', 's3.6-cadre-lecture');
    expect(o).toMatchObject({ who: { kind: 'cadre', ref: 'stationing_cadre' }, what: { recordKinds: ['lecture'] }, min: 1, period: 'year' });
    expect(byId(t.recordKinds, 'lecture').fields.map((f) => f.id)).toEqual(['topic', 'held_on', 'place', 'audience']);
    expect(deliverableDueDates(byId(t.deliverables, 's3.6-lecture-materials'), program)[0]?.due).toBe('2019-12-31');
    expect(deliverableDueDates(byId(t.deliverables, 's3.6-project-report'), program)[0]?.due).toBe('2019-12-10');
  });

  it('S3.7 the spot-check items and the monthly form due at month end', () => {
    const fields = byId(t.recordKinds, 'spot_check').fields.map((f) => f.id);
    expect(fields).toEqual(['branch', 'has_cadre', 'has_wechat_group', 'wechat_member_share', 'secretary_uses_zhtj', 'activity_name', 'member_evaluation', 'member_rating']);
    expect(byId(t.recordKinds, 'spot_check').evidence).toBe('required'); // the members' evaluation comes with a photo
    const dues = deliverableDueDates(byId(t.deliverables, 's3.7-monthly-form'), program);
    expect(dues.map((d) => d.due)).toEqual(['2019-04-30', '2019-05-31', '2019-06-30', '2019-07-31', '2019-08-31', '2019-09-30', '2019-10-31', '2019-11-30']);
    // A WeChat group with fewer than 3/4 of the members fails the check.
    const standard = byId(t.standards, 'branch_secretary_duties');
    const wechat = (share: number) => evaluateStandard(standard, { autoValues: { wechat_group_member_share: share }, reviews: {} }).items.find((i) => i.id === 'wechat_group')?.passed;
    expect([wechat(74), wechat(75)]).toEqual([false, true]);
  });

  it('S3.8 no meeting over 10 people; what cannot be verified does not count; the other bans are listed as not expressed', () => {
    expect(byId(t.recordKinds, 'stationing_day').fields.find((f) => f.id === 'meeting_size')).toMatchObject({ type: 'number', max: 10 });
    expect(t.notExpressed?.some((n) => n.ref === 'S3.8')).toBe(true);
  });

  it('S3.9 departments and cadres are assessed from system data, spot-checked evaluations and typical experiences', () => {
    const departments = byId(t.assessments, 's3.9-departments');
    expect(departments.who).toEqual({ kind: 'department', ref: 'liaison_department' });
    expect(departments.components.map((c) => c.measure.kind)).toEqual(['compliance', 'form_timeliness', 'deliverables', 'average', 'count']);
    expect(byId(t.assessments, 's3.9-cadres').who).toEqual({ kind: 'cadre', ref: 'stationing_cadre' });
    expect(t.notExpressed?.some((n) => n.ref === 'S3.9')).toBe(false);
  });
});
