import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from './builtin.testing';
import { obligation, rec, run } from './compliance.testing';
import { deliverableDueDates, obligationsFor, programRange } from './obligations-of';

const t = loadBuiltin('s0-meizhou-pairing.yaml');
const sides = (modeId: string) => byId(t.pairingModes, modeId).sides.map((s) => [s.id, s.who.roles, s.count]);

describe('S0 Meizhou 2014 联手结对 共促发展', () => {
  it('S0.1 each county: 1 demo town, 1 demo village, 1 co-build village; 2 demo nominations, the city decides', () => {
    const quota = (id: string) => byId(t.roles, id).quota;
    expect(quota('demo_town')).toEqual({ per: 'county', count: 1, nominate: 2, decidedBy: 'issuer' });
    expect(quota('demo_village')).toEqual({ per: 'county', count: 1, nominate: 2, decidedBy: 'issuer' });
    expect(quota('cobuild_village')).toEqual({ per: 'county', count: 1, nominate: 1, decidedBy: 'issuer' });
    expect(byId(t.roles, 'demo_town').eligibility).toEqual({ orgKinds: ['committee'], levels: ['township'] });
    expect(t.defaultPeriod).toEqual({ kind: 'year' });
  });

  it('S0.2 "2+2": 青年文明号 + 五四红旗 with demo village + co-build village; "2+3": county committee with the three', () => {
    expect(sides('2+2')).toEqual([
      ['partner_units', ['civilization_post_partner', 'red_flag_partner'], 2],
      ['paired_villages', ['demo_village', 'cobuild_village'], 2],
    ]);
    expect(sides('2+3')).toEqual([
      ['county_side', ['county_committee'], 1],
      ['paired_units', ['demo_town', 'demo_village', 'cobuild_village'], 3],
    ]);
  });

  it('S0.4 a study-exchange session once per quarter for each paired town and village', () => {
    const o = obligation(t, 'S0.4', 's0.4-study-exchange');
    expect(o).toMatchObject({ who: { kind: 'pairing_side', ref: 'paired_units' }, measure: 'count', min: 1, period: 'quarter' });
    const records = [rec('subject', 'study_exchange', '2014-05-10'), rec('subject', 'lecture_tour', '2014-08-10')];
    expect(run(o, { from: '2014-04-01', to: '2014-09-30', records })).toEqual({ '2014-Q2': ['met', 1], '2014-Q3': ['missed', 0] });
  });

  it('S0.5 团课下乡 once per quarter', () => {
    const o = obligation(t, 'S0.5', 's0.5-lecture-tour');
    expect(o).toMatchObject({ what: { recordKinds: ['lecture_tour'] }, min: 1, period: 'quarter' });
    expect(byId(t.recordKinds, 'lecture_tour').fields.find((f) => f.id === 'lecturer_level')?.options).toEqual(['市', '县', '镇', '村']);
  });

  it('S0.6 the county committee picks 1 city-level 青年文明号 collective and 1 五四红旗 org, which form the "2" of "2+2"', () => {
    expect(byId(t.roles, 'civilization_post_partner')).toMatchObject({ eligibility: { honors: ['youth_civilization_post'] }, quota: { per: 'county', count: 1, decidedBy: 'parent' } });
    expect(byId(t.roles, 'red_flag_partner')).toMatchObject({ eligibility: { honors: ['may_fourth_red_flag'] }, quota: { per: 'county', count: 1 } });
  });

  it('S0.7 county committee: work plan, monthly on-site supervision, quarterly bulletin, media groups', () => {
    expect(obligation(t, 'S0.7', 's0.7-county-supervision')).toMatchObject({ who: { kind: 'role', ref: 'county_committee' }, what: { recordKinds: ['site_supervision'] }, min: 1, period: 'month' });
    expect(obligation(t, 'S0.7', 's0.7-county-bulletin')).toMatchObject({ what: { recordKinds: ['bulletin'] }, min: 1, period: 'quarter' });
    expect(t.deliverables?.filter((d) => d.ref === 'S0.7').map((d) => d.id)).toEqual(['s0.7-work-plan', 's0.7-media-groups']);
    expect(byId(t.recordKinds, 'report_to_party').refs).toContain('S0.7');
  });

  it('S0.8 demo town, demo village and co-build village: work meetings twice per month', () => {
    const demo = obligation(t, 'S0.8', 's0.8-work-meeting-demo');
    const cobuild = obligation(t, 'S0.8', 's0.8-work-meeting-cobuild');
    for (const o of [demo, cobuild]) expect(o).toMatchObject({ what: { recordKinds: ['work_meeting'], jointWithPartner: true }, measure: 'count', min: 2, period: 'month' });
    expect(sides('demo_cobuild')).toEqual([
      ['demo_units', ['demo_town', 'demo_village'], 2],
      ['cobuild_unit', ['cobuild_village'], 1],
    ]);
    const records = [
      rec('town', 'work_meeting', '2014-05-06', { partnerIds: ['cobuild'] }),
      rec('cobuild', 'work_meeting', '2014-05-20', { partnerIds: ['town'] }),
      rec('town', 'work_meeting', '2014-06-06', { partnerIds: ['cobuild'] }),
    ];
    expect(run(demo, { from: '2014-05-01', to: '2014-06-30', records, subjectId: 'town', partnerIds: ['cobuild'] })).toEqual({
      '2014-05': ['met', 2],
      '2014-06': ['partly', 1],
    });
  });

  it('S0.8 the demo town does on-site supervision once per month', () => {
    const o = obligation(t, 'S0.8', 's0.8-demo-town-supervision');
    expect(o).toMatchObject({ who: { kind: 'role', ref: 'demo_town' }, what: { recordKinds: ['site_supervision'] }, min: 1, period: 'month' });
  });

  it('S0.9 demo village + co-build village hold one joint activity per month', () => {
    const [demoSide, cobuildSide] = obligationsFor(t, 'S0.9');
    expect([demoSide?.who.ref, cobuildSide?.who.ref]).toEqual(['demo_village_side', 'cobuild_village_side']);
    expect(sides('village_pair')).toEqual([
      ['demo_village_side', ['demo_village'], 1],
      ['cobuild_village_side', ['cobuild_village'], 1],
    ]);
    // One activity, recorded by the co-build village, counts for the demo village too; one with someone else does not.
    const records = [rec('cobuild', 'joint_activity', '2014-07-12', { partnerIds: ['village'] }), rec('village', 'joint_activity', '2014-08-12', { partnerIds: ['other'] })];
    expect(run(demoSide!, { from: '2014-07-01', to: '2014-08-31', records, subjectId: 'village', partnerIds: ['cobuild'] })).toEqual({
      '2014-07': ['met', 1],
      '2014-08': ['missed', 0],
    });
  });

  it('S0.10 evidence for every column except problems solved and reports to party; problems are described', () => {
    const columns = ['study_exchange', 'work_meeting', 'fund_transfer', 'lecture_tour', 'report_to_party', 'problem_solved', 'joint_activity'];
    expect(Object.fromEntries(columns.map((id) => [id, byId(t.recordKinds, id).evidence]))).toEqual({
      study_exchange: 'required',
      work_meeting: 'required',
      fund_transfer: 'required',
      lecture_tour: 'required',
      report_to_party: 'optional',
      problem_solved: 'optional',
      joint_activity: 'required',
    });
    expect(byId(t.recordKinds, 'problem_solved').fields.find((f) => f.id === 'problem')).toMatchObject({ type: 'textarea', required: true });
    expect(byId(t.recordKinds, 'fund_transfer').quantities).toEqual(['amount']);
  });

  it('S0.10 the statistics table is quarterly, due on the 20th at quarter end', () => {
    const d = byId(t.deliverables, 's0.10-statistics');
    expect(d).toMatchObject({ who: { kind: 'role', ref: 'county_committee' }, period: 'quarter', due: { kind: 'day_of_period_end_month', day: 20 } });
    expect(deliverableDueDates(d, programRange(t, 2014))[1]).toEqual({ periodKey: '2014-Q2', due: '2014-06-20' });
  });

  it('S0.11 the pairing table is due on 27 March; its contact columns are a form, no longer listed as not expressed', () => {
    expect(byId(t.deliverables, 's0.11-pairing-table')).toMatchObject({ due: '03-27', count: 1 });
    expect(byId(t.forms, 's0.11-pairing-table').columns.filter((c) => c.typed).map((c) => c.id)).toEqual(['remarks']);
    expect(t.notExpressed?.some((n) => n.ref === 'S0.11' || n.ref === 'S0.10')).toBe(false);
  });
});
