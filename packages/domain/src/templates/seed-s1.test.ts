import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from './builtin.testing';
import { obligation, rec, run } from './compliance.testing';
import { deliverableDueDates, programRange, roleQuotaCheck } from './obligations-of';
import { evaluateStandard } from './standards';

const t = loadBuiltin('s1-huaihua-assistance.yaml');
const program = programRange(t, 2010);

describe('S1 Huaihua 2010 牵手帮扶 助推基层', () => {
  it('S1.1 helper units of several types pair with township committees for one year, June 2010 – June 2011', () => {
    const [helpers, helped] = byId(t.pairingModes, 'assistance').sides;
    expect(helpers?.who.roles).toEqual(['helper_unit', 'helper_civilization_post', 'helper_department']);
    expect(helped?.who.roles).toEqual(['helped_township']);
    expect(byId(t.roles, 'helper_unit').eligibility?.sectors).toEqual(['state_enterprise', 'non_public_enterprise', 'agency', 'school']);
    expect(byId(t.roles, 'helper_department').holder).toBe('department');
    expect(program).toEqual({ start: '2010-06-01', end: '2011-05-31' });
  });

  it('S1.2 each helper meets the county committee and township leaders monthly and reports quarterly to its party org and the city committee', () => {
    const meet = obligation(t, 'S1.2', 's1.2-monthly-meeting');
    expect(meet).toMatchObject({ who: { kind: 'pairing_side', ref: 'helpers' }, min: 1, period: 'month', what: { jointWithPartner: true } });
    expect(obligation(t, 'S1.2', 's1.2-report-party')).toMatchObject({ what: { recordKinds: ['report_to_party'] }, period: 'quarter' });
    expect(obligation(t, 'S1.2', 's1.2-report-city')).toMatchObject({ what: { recordKinds: ['report_to_superior'] }, period: 'quarter' });
    // The program starts mid-year: June is its first month.
    const records = [rec('helper', 'work_meeting', '2010-06-15', { partnerIds: ['township'] })];
    expect(run(meet, { from: program.start, to: '2010-07-31', records, subjectId: 'helper', partnerIds: ['township'] })).toEqual({
      '2010-06': ['met', 1],
      '2010-07': ['missed', 0],
    });
  });

  it('S1.3 each helper gives its township at least 5,000 yuan in the program year, across the calendar-year boundary', () => {
    const o = obligation(t, 'S1.3', 's1.3-funds');
    expect(o).toMatchObject({ measure: 'amount', min: 5000, period: 'program' });
    const base = { from: program.start, to: program.end, subjectId: 'helper', partnerIds: ['township'] };
    const december = rec('helper', 'fund_transfer', '2010-12-20', { amount: 3000, partnerIds: ['township'] });
    const march = rec('helper', 'fund_transfer', '2011-03-01', { amount: 2000, partnerIds: ['township'] });
    expect(run(o, { ...base, records: [december, march] })).toEqual({ program: ['met', 5000] });
    expect(run(o, { ...base, records: [december] })).toEqual({ program: ['partly', 3000] });
  });

  it('S1.4 the helper takes part in all nine steps; 4–5 deputy secretaries outside the quota; no plain direct election', () => {
    expect(obligation(t, 'S1.4', 's1.4-election')).toMatchObject({ what: { recordKinds: ['election_step'], jointWithPartner: true }, min: 9, period: 'program' });
    expect(byId(t.recordKinds, 'election_step').fields[0]?.options).toHaveLength(9);
    const standard = byId(t.standards, 'township_standard');
    const s14 = standard.items.filter((i) => i.ref === 'S1.4').map((i) => i.id);
    expect(s14).toEqual(['pilot_plan', 'election_steps', 'deputy_secretaries', 'deputy_secretaries_max', 'no_direct_election']);
    const reviews = Object.fromEntries(standard.items.map((i) => [i.id, true]));
    expect(evaluateStandard(standard, { autoValues: { deputy_secretary_count: 3 }, reviews }).mandatoryFailed).toEqual(['deputy_secretaries']);
    expect(evaluateStandard(standard, { autoValues: { deputy_secretary_count: 4 }, reviews }).approvable).toBe(true);
  });

  it('S1.5 at least 500,000 yuan of micro-loans per paired township', () => {
    const o = obligation(t, 'S1.5', 's1.5-loans');
    expect(o).toMatchObject({ who: { kind: 'pairing_side', ref: 'helped' }, what: { recordKinds: ['loan'] }, measure: 'amount', min: 500000, period: 'program' });
    const records = [rec('township', 'loan', '2010-09-01', { amount: 300000 }), rec('township', 'loan', '2011-04-01', { amount: 200000 })];
    expect(run(o, { from: program.start, to: program.end, records, subjectId: 'township' })).toEqual({ program: ['met', 500000] });
  });

  it('S1.6 the "五个好" standard: institutions, public display, mobile members, information system — all required', () => {
    const items = byId(t.standards, 'township_standard').items.filter((i) => i.ref === 'S1.6');
    expect(items.map((i) => i.id)).toEqual(['duties', 'job_targets', 'regular_meetings', 'archive', 'planning', 'publicity', 'information_system', 'mobile_members']);
    expect(items.every((i) => i.mandatory === true)).toBe(true);
    expect(byId(t.roles, 'helped_township').standard).toBe('township_standard');
  });

  it('S1.7 four activities, each at least once in the program year', () => {
    const ids = ['s1.7-may-fourth', 's1.7-countryside-service', 's1.7-training', 's1.7-leader-exchange'];
    for (const id of ids) expect(obligation(t, 'S1.7', id)).toMatchObject({ min: 1, period: 'program', what: { jointWithPartner: true } });
    expect(byId(t.recordKinds, 'countryside_service').fields[0]).toMatchObject({ multiple: true, options: ['送医疗', '送科技', '送法律', '送文化', '送致富信息'] });
  });

  it('S1.8 "七个一": seven deliverables per helper, due at the end of the program year', () => {
    const seven = t.deliverables!.filter((d) => d.ref === 'S1.8');
    expect(seven).toHaveLength(7);
    for (const d of seven) {
      expect(d).toMatchObject({ who: { kind: 'pairing_side', ref: 'helpers' }, count: 1 });
      expect(deliverableDueDates(d, program)).toEqual([{ periodKey: 'program', due: '2011-05-31' }]);
    }
  });

  it('S1.9 each paired township names exactly one party/government leader in charge', () => {
    const leader = byId(t.roles, 'township_leader');
    expect(leader).toMatchObject({ holder: 'person', quota: { per: 'township', count: 1 } });
    expect(roleQuotaCheck(leader, { a: 1, b: 0 }, 'decision').parents.map((p) => p.state)).toEqual(['ok', 'short']);
  });

  it('S1.10 county committees report monthly before the 30th (the 28th in February)', () => {
    const dues = deliverableDueDates(byId(t.deliverables, 's1.10-monthly-progress'), program);
    expect(dues.slice(0, 2)).toEqual([
      { periodKey: '2010-06', due: '2010-06-29' },
      { periodKey: '2010-07', due: '2010-07-29' },
    ]);
    expect(dues.find((d) => d.periodKey === '2011-02')?.due).toBe('2011-02-28');
  });

  it('S1.11 a review meeting at least each half-year; the helpers are assessed on their duties and the 七个一', () => {
    expect(obligation(t, 'S1.11', 's1.11-review-meeting')).toMatchObject({ who: { kind: 'role', ref: 'city_committee' }, period: 'half_year', min: 1 });
    const scheme = byId(t.assessments, 's1.11-helpers');
    expect(scheme.who).toEqual({ kind: 'pairing_side', ref: 'helpers' });
    expect(scheme.components.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect(scheme.components.find((c) => c.id === 'seven_ones')?.measure).toMatchObject({ kind: 'deliverables', deliverables: expect.arrayContaining(['s1.8-survey', 's1.8-lessons-essay']) });
    expect(t.notExpressed?.some((n) => n.ref === 'S1.11')).toBe(false);
  });
});
