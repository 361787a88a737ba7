import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from './builtin.testing';
import { obligation, rec, run } from './compliance.testing';
import { deliverableDueDates, programRange } from './obligations-of';

const t = loadBuiltin('s2-luohe-vital.yaml');
const program = programRange(t, 2020);

describe('S2 Luohe 2020 活力团建', () => {
  it('S2.1 four projects and one activity, 15 numbered tasks, each with a responsible department and person', () => {
    const tasks = t.tasks ?? [];
    expect(tasks.map((x) => x.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(new Set(tasks.map((x) => x.project))).toEqual(new Set(['强基扩面工程', '团建品牌提升工程', '团建心连心工程', '素质提升工程', '观摩交流活动']));
    expect(tasks[0]).toMatchObject({ department: '学校部', person: '封亚村', deadline: '11-30' });
    expect(tasks[2]).toMatchObject({ department: '青发部', person: '赵博' });
    expect(tasks.every((x) => x.department && x.person)).toBe(true);
  });

  it('S2.2 quantitative targets with deadlines', () => {
    const target = (id: string) => byId(t.targets, id);
    expect(target('s2.2-school-elections')).toMatchObject({ target: 100, unit: '%', deadline: '11-30' });
    expect(target('s2.2-non-public')).toMatchObject({ op: '>=', target: 40, unit: '%' });
    expect(target('s2.2-youth-home')).toMatchObject({ target: 20, unit: '%' });
    expect(target('s2.2-rooms-county')).toMatchObject({ target: 3, who: { kind: 'role', ref: 'county_committee' } });
    expect(target('s2.2-rooms-zone')).toMatchObject({ target: 1, who: { ref: 'zone_committee' } });
    expect(target('s2.2-rooms-school')).toMatchObject({ target: 1, who: { ref: 'school_committee' } });
    const full = t.targets!.filter((x) => x.target === 100).map((x) => x.id);
    expect(full).toEqual(expect.arrayContaining(['s2.2-agency-coverage', 's2.2-industrial-clusters', 's2.2-state-enterprises', 's2.2-youth-enterprise-assoc', 's2.2-youth-federation', 's2.2-league-associations']));
  });

  it('S2.3 走基层周: each department spends one day visiting in the first week (days 1–7) of every month', () => {
    const o = obligation(t, 'S2.3', 's2.3-visit-week');
    expect(o).toMatchObject({ who: { kind: 'department', ref: 'city_department' }, measure: 'distinct_days', min: 1, period: 'month', window: 'first_week_of_month' });
    const records = [
      // Two cadres of the department out on the same day make one department-day.
      rec('dept', 'grassroots_visit', '2020-08-05'),
      rec('dept', 'grassroots_visit', '2020-08-05'),
      // A visit on the 10th is outside the visit week.
      rec('dept', 'grassroots_visit', '2020-09-10'),
    ];
    expect(run(o, { from: '2020-08-01', to: '2020-09-30', records, subjectId: 'dept' })).toEqual({ '2020-08': ['met', 1], '2020-09': ['missed', 0] });
    // While days 1–7 run the month is upcoming; after the 7th with nothing done it is missed.
    expect(run(o, { from: '2020-10-01', to: '2020-10-31', records: [], subjectId: 'dept', today: '2020-10-07' })).toEqual({ '2020-10': ['upcoming', 0] });
  });

  it('S2.4 the visit sheet carries every field of Attachment 1; departments by the 28th, counties by the 10th', () => {
    const fields = byId(t.recordKinds, 'grassroots_visit').fields.map((f) => f.id);
    expect(fields).toEqual(['name', 'position', 'leader', 'visited_org', 'form', 'cadres_met', 'youths_met', 'org_work', 'highlights', 'problems', 'help_and_effect']);
    const dept = deliverableDueDates(byId(t.deliverables, 's2.4-visit-sheets-department'), program);
    expect(dept.find((d) => d.periodKey === '2020-08')?.due).toBe('2020-08-28');
    const county = deliverableDueDates(byId(t.deliverables, 's2.4-visit-sheets-county'), program);
    expect(county.find((d) => d.periodKey === '2020-08')?.due).toBe('2020-09-10');
  });

  it('S2.5 each department writes at least one research report per year', () => {
    const d = byId(t.deliverables, 's2.5-research-report');
    expect(d).toMatchObject({ who: { kind: 'department', ref: 'city_department' }, count: 1, period: 'year' });
    expect(deliverableDueDates(d, program)).toEqual([{ periodKey: '2020', due: '2020-12-31' }]);
  });

  it('S2.6 observation exchanges in the last month of each quarter, a review meeting, and the sheet by the 28th', () => {
    const o = obligation(t, 'S2.6', 's2.6-observation');
    expect(o).toMatchObject({ period: 'quarter', window: 'last_month_of_quarter', min: 1 });
    expect(obligation(t, 'S2.6', 's2.6-review-meeting')).toMatchObject({ what: { recordKinds: ['review_meeting'] }, window: 'last_month_of_quarter' });
    const records = [rec('dept', 'observation', '2020-08-20'), rec('dept', 'observation', '2020-12-03')];
    expect(run(o, { from: '2020-07-01', to: '2020-12-31', records, subjectId: 'dept' })).toEqual({ '2020-Q3': ['missed', 0], '2020-Q4': ['met', 1] });
    const fields = byId(t.recordKinds, 'observation').fields.map((f) => f.id);
    expect(fields).toEqual(expect.arrayContaining(['organizing_department', 'participants', 'sites_and_content', 'highlights', 'problems', 'corrective_measures']));
    const dues = deliverableDueDates(byId(t.deliverables, 's2.6-observation-sheet'), program);
    expect(dues.map((d) => d.due)).toEqual(['2020-03-28', '2020-06-28', '2020-09-28', '2020-12-28']);
  });

  it('S2.7 the county committees are assessed at year end on their visit sheets, handed in and on time', () => {
    const scheme = byId(t.assessments, 's2.7-county-committees');
    expect(scheme.who).toEqual({ kind: 'role', ref: 'county_committee' });
    expect(scheme.components.map((c) => [c.id, c.weight, c.measure.kind])).toEqual([['visit_sheets', 60, 'deliverables'], ['form_on_time', 40, 'form_timeliness']]);
    expect(t.notExpressed?.some((n) => n.ref === 'S2.7')).toBe(false);
  });
});
