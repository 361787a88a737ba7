import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from '../templates/builtin.testing';
import { computeForm } from './compute';
import { formPeriods } from './reporting';
import { typedCells } from './typed';
import type { FilledForm, FormFact, FormInput, FormRowInput, OrgFact } from './types';

let nextId = 100;
const fact = (kind: string, date: string, subjectKeys: string[], extra: Partial<FormFact> = {}): FormFact =>
  ({ id: String(nextId++), kind, date, subjectKeys, partnerKeys: [], fields: {}, verified: false, ...extra });
const base = (over: Partial<FormInput> & Pick<FormInput, 'form' | 'period' | 'rows' | 'facts'>): FormInput =>
  ({ roleHolders: {}, reporterHolders: {}, registry: {}, typed: {}, verifiedOnly: false, reporterKey: 'org:1', ...over });
const table = (f: FilledForm) => Object.fromEntries(f.rows.map((r) => [r.label, Object.fromEntries(r.cells.map((c) => [c.column, c.value]))]));
const cell = (f: FilledForm, row: string, column: string) => f.rows.find((r) => r.key === row)!.cells.find((c) => c.column === column)!;

describe('S2.4 a department’s visits of the month, one row per visit sheet', () => {
  const s2 = loadBuiltin('s2-luohe-vital.yaml');
  const form = byId(s2.forms, 's2.4-visit-sheets');
  const visit = (date: string, fields: Record<string, unknown>) => fact('grassroots_visit', date, ['org:1', 'department:7', 'cadre:3'], { fields });
  const a = visit('2020-08-03', { name: '王丽', position: '组织部部长', visited_org: '源汇区团委', form: '座谈', cadres_met: 5, youths_met: 20, org_work: '正常', problems: '经费不足' });
  const b = visit('2020-08-05', { name: '王丽', position: '组织部部长', visited_org: '郾城区某村团支部', form: '走访', cadres_met: 2, youths_met: 12, org_work: '活动少' });
  const rows: FormRowInput[] = [
    { key: `record:${a.id}`, label: '2020-08-03', kind: 'record', subjects: [], recordId: a.id },
    { key: `record:${b.id}`, label: '2020-08-05', kind: 'record', subjects: [], recordId: b.id },
    { key: 'total', label: '合计', kind: 'total', subjects: [] },
  ];
  const filled = computeForm(base({ form, period: { start: '2020-08-01', end: '2020-08-31' }, rows, facts: [a, b], reporterKey: 'department:7' }));

  it('S2.4 every column of Attachment 1 is a field of the visit record; the total adds the people met', () => {
    expect(table(filled)).toEqual({
      '2020-08-03': { name: '王丽', position: '组织部部长', visited_org: '源汇区团委', form: '座谈', cadres_met: 5, youths_met: 20, org_work: '正常', highlights: null, problems: '经费不足', help_and_effect: null },
      '2020-08-05': { name: '王丽', position: '组织部部长', visited_org: '郾城区某村团支部', form: '走访', cadres_met: 2, youths_met: 12, org_work: '活动少', highlights: null, problems: null, help_and_effect: null },
      合计: { name: null, position: null, visited_org: null, form: null, cadres_met: 7, youths_met: 32, org_work: null, highlights: null, problems: null, help_and_effect: null },
    });
    expect(cell(filled, `record:${a.id}`, 'visited_org').recordIds).toEqual([a.id]);
  });
});

describe('S3.7 a department’s month in one county, counted where it happened', () => {
  const s3 = loadBuiltin('s3-guangdong-stationing.yaml');
  const form = byId(s3.forms, 's3.7-grassroots-progress');
  const DEPT = 'department:5';
  const OTHER_DEPT = 'department:6';
  // 梅县区 (org:30) with 丙村镇 (org:31) and its branch (org:32); 兴宁市 (org:40).
  const inMx = ['org:1', 'org:20', 'org:30', 'org:31', 'org:32'];
  const spot = (date: string, fields: Record<string, unknown>, by = DEPT, place = inMx, verified = true) =>
    fact('spot_check', date, ['org:1', by], { placePathKeys: place, placeKey: place.at(-1), fields, verified });
  const facts = [
    spot('2019-05-06', { branch: '丙村村团支部', has_cadre: true, has_wechat_group: true, wechat_member_share: 80, secretary_uses_zhtj: true, activity_name: '植树', member_evaluation: '好' }),
    spot('2019-05-07', { branch: '东岭村团支部', has_cadre: false, has_wechat_group: true, wechat_member_share: 60, secretary_uses_zhtj: false, activity_name: '读书会', member_evaluation: '较好' }),
    spot('2019-05-08', { branch: '横石村团支部', has_cadre: true, has_wechat_group: false, secretary_uses_zhtj: true, activity_name: '义诊', member_evaluation: '一般' }),
    spot('2019-05-09', { branch: '丙村村团支部', has_cadre: true, has_wechat_group: true, wechat_member_share: 75, secretary_uses_zhtj: true, activity_name: '复查', member_evaluation: '好' }),
    spot('2019-05-10', { branch: '别部门的支部', has_wechat_group: false }, OTHER_DEPT), // another department's check: not this department's form
    spot('2019-05-11', { branch: '兴宁的支部', has_wechat_group: false }, DEPT, ['org:1', 'org:20', 'org:40']), // another county
    spot('2019-05-12', { branch: '未核实的支部', has_wechat_group: false }, DEPT, inMx, false), // S3.8 not verified: does not count
    fact('typical_case', '2019-05-13', ['org:1', OTHER_DEPT], { placePathKeys: inMx, fields: { org: '丙村镇团委', area: '团支部书记履责', experience: '书记轮值' }, verified: true }),
    fact('typical_case', '2019-05-14', ['org:1', DEPT], { placePathKeys: inMx, fields: { org: '某电子厂团支部', area: '非公企业', experience: '车间建团' }, verified: true }),
    fact('youth_opinion', '2019-05-15', ['org:1', DEPT], { placePathKeys: inMx, fields: { content: '希望多办招聘会' }, verified: true }),
    fact('stationing_day', '2019-05-06', ['org:1', DEPT, 'cadre:1', 'cadre:2'], { placePathKeys: inMx, verified: true }),
    fact('stationing_day', '2019-05-06', ['org:1', DEPT, 'cadre:3'], { placePathKeys: inMx, verified: true }),
    fact('stationing_day', '2019-05-07', ['org:1', DEPT, 'cadre:1'], { placePathKeys: inMx, verified: true }),
  ];
  const orgFacts: OrgFact[] = [
    { key: 'org:50', ancestorKeys: ['org:1', 'org:20', 'org:30', 'org:31'], kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2019-05-20', dissolvedOn: null },
    { key: 'org:51', ancestorKeys: ['org:1', 'org:20', 'org:30'], kind: 'branch', sector: 'non_public_enterprise', foundedOn: '2019-04-30', dissolvedOn: null }, // April
    { key: 'org:52', ancestorKeys: ['org:1', 'org:20', 'org:30'], kind: 'branch', sector: 'social_organization', foundedOn: '2019-05-31', dissolvedOn: null },
    { key: 'org:53', ancestorKeys: ['org:1', 'org:20', 'org:40'], kind: 'branch', sector: 'social_organization', foundedOn: '2019-05-02', dissolvedOn: null },
  ];
  const rows: FormRowInput[] = [
    { key: 'org:30', label: '梅县区', kind: 'subjects', subjects: ['org:30'] },
    { key: 'org:40', label: '兴宁市', kind: 'subjects', subjects: ['org:40'] },
    { key: 'total', label: '合计', kind: 'total', subjects: [] },
  ];
  const filled = computeForm(base({
    form, period: { start: '2019-05-01', end: '2019-05-31' }, rows, facts, orgFacts, reporterKey: DEPT, verifiedOnly: true,
    typed: { 'org:30/volunteer_rate': 86.5, 'org:40/volunteer_rate': 90, 'org:30/branches_without_cadre': 4, 'org:40/branches_without_cadre': 2, 'total/volunteer_rate': 88.1 },
  }));
  const mx = table(filled)['梅县区']!;

  it('S3.7 spot checks of this department in this county: distinct branches, names, WeChat under 3/4 or none, 智慧团建', () => {
    expect(mx).toMatchObject({
      checked: 3, checked_names: '丙村村团支部\n东岭村团支部\n横石村团支部', // 丙村 checked twice is named once
      no_wechat: 2, no_wechat_names: '东岭村团支部\n横石村团支部', no_zhtj: 1, no_zhtj_names: '东岭村团支部',
      evaluations: '植树：好\n读书会：较好\n义诊：一般\n复查：好',
    });
  });

  it('S3.7 typical cases and opinions of anyone there; the secretary experience only once verified (需实地核实)', () => {
    expect(mx).toMatchObject({ secretary_experience: '丙村镇团委：书记轮值', typical_two_new: '某电子厂团支部：车间建团', opinions: '希望多办招聘会' });
  });

  it('S3.7 new league orgs of non-public enterprises and social orgs come from the org tree, founded in the month', () => {
    expect(mx).toMatchObject({ non_public_new_orgs: 1, social_org_new_orgs: 1 });
    expect(cell(filled, 'org:30', 'non_public_new_orgs').holderKeys).toEqual(['org:50']);
    expect(table(filled)['兴宁市']).toMatchObject({ checked: 1, social_org_new_orgs: 1, non_public_new_orgs: 0 });
  });

  it('S3.7 days and people stationed this month by this department', () => {
    expect(mx).toMatchObject({ stationed_days: 2, stationed_cadres: 3 });
  });

  it('S3.7 only the figures of 智慧团建 and i志愿 are typed; the total adds counts, recounts the rest, and takes the rate as typed', () => {
    expect(form.columns.filter((c) => c.typed).map((c) => c.id)).toEqual([
      'branches_without_cadre', 'non_public_baseline', 'social_org_baseline', 'non_public_new_members', 'social_org_new_members', 'volunteer_rate', 'service_hours',
    ]);
    // 86.5 % and 90 % are no 176.5 %: a rate does not add up, so the department types the figure of all its counties.
    expect(table(filled)['合计']).toMatchObject({ checked: 4, no_wechat: 3, stationed_days: 2, social_org_new_orgs: 2, branches_without_cadre: 6, volunteer_rate: 88.1, service_hours: null });
    const typable = [...typedCells(form, rows).keys()].filter((k) => k.startsWith('total/'));
    expect(typable).toEqual(['total/volunteer_rate', 'total/service_hours']);
  });
});

describe('S4.2 progress of direct orgs per township from the org tree and the split target', () => {
  const s4 = loadBuiltin('s4-quanzhou-big-committee.yaml');
  const form = byId(s4.forms, 's4.2-weekly-report');
  const under = (town: string) => ['org:1', 'org:2', town];
  const orgFacts: OrgFact[] = [
    { key: 'org:11', ancestorKeys: under('org:10'), kind: 'direct_org', sector: null, foundedOn: '2012-10-01', dissolvedOn: null },
    { key: 'org:12', ancestorKeys: under('org:10'), kind: 'direct_org', sector: null, foundedOn: '2012-11-05', dissolvedOn: null }, // this week
    { key: 'org:13', ancestorKeys: under('org:10'), kind: 'direct_org', sector: null, foundedOn: '2012-11-11', dissolvedOn: null }, // Sunday, last day of the week
    { key: 'org:14', ancestorKeys: under('org:10'), kind: 'direct_org', sector: null, foundedOn: '2012-11-12', dissolvedOn: null }, // next week
    { key: 'org:15', ancestorKeys: under('org:10'), kind: 'direct_org', sector: null, foundedOn: '2012-09-01', dissolvedOn: '2012-11-01' }, // dissolved
    { key: 'org:16', ancestorKeys: under('org:10'), kind: 'quasi_org', sector: null, foundedOn: '2012-10-20', dissolvedOn: null },
    { key: 'org:21', ancestorKeys: under('org:20'), kind: 'direct_org', sector: null, foundedOn: null, dissolvedOn: null },
  ];
  const rows: FormRowInput[] = [
    { key: 'org:10', label: '池店镇团委', kind: 'subjects', subjects: ['org:10'] },
    { key: 'org:20', label: '磁灶镇团委', kind: 'subjects', subjects: ['org:20'] },
    { key: 'total', label: '合计', kind: 'total', subjects: [] },
  ];
  const facts = [
    fact('joint_meeting', '2012-11-06', ['org:10']),
    fact('guidance_visit', '2012-11-07', ['org:2', 'cadre:9'], { partnerKeys: ['org:20'] }),
  ];
  const filled = computeForm(base({
    form, period: { start: '2012-11-05', end: '2012-11-11' }, rows, facts, orgFacts,
    targetParts: { 's4.1-direct-orgs': { 'org:10': 40, 'org:20': 8 } },
  }));

  it('S4.2 every cell of the week 5–11 November 2012', () => {
    expect(table(filled)).toEqual({
      池店镇团委: { target: 40, built: 3, added: 2, rate: 7.5, preparing: 1, joint_meetings: 1, guidance: 0 },
      磁灶镇团委: { target: 8, built: 1, added: 0, rate: 12.5, preparing: 0, joint_meetings: 0, guidance: 1 },
      合计: { target: 48, built: 4, added: 2, rate: 8.3, preparing: 1, joint_meetings: 1, guidance: 1 },
    });
    expect(cell(filled, 'org:10', 'added').holderKeys).toEqual(['org:12', 'org:13']);
  });

  it('S4.1 a township without a part of the split target shows none, and its rate none', () => {
    const unsplit = computeForm(base({ form, period: { start: '2012-11-05', end: '2012-11-11' }, rows, facts, orgFacts }));
    expect(table(unsplit)['池店镇团委']).toMatchObject({ target: null, rate: null, built: 3 });
  });

  it('S4.2 periods: weeks, half months, and days from 15 November', () => {
    const range = { start: '2012-01-01', end: '2012-12-31' };
    expect(formPeriods(byId(s4.forms, 's4.2-half-monthly-report'), range).slice(0, 4).map((p) => [p.key, p.start, p.end, p.due])).toEqual([
      ['2012-01-A', '2012-01-01', '2012-01-15', '2012-01-15'], ['2012-01-B', '2012-01-16', '2012-01-31', '2012-01-31'],
      ['2012-02-A', '2012-02-01', '2012-02-15', '2012-02-15'], ['2012-02-B', '2012-02-16', '2012-02-29', '2012-02-29'],
    ]);
    const daily = formPeriods(byId(s4.forms, 's4.2-daily-report'), range);
    expect([daily.length, daily[0]!.key, daily[0]!.due, daily.at(-1)!.key]).toEqual([47, '2012-11-15', '2012-11-15', '2012-12-31']);
    expect(formPeriods(form, range)[0]).toMatchObject({ key: '2011-W52', start: '2012-01-01', end: '2012-01-01' });
  });
});

describe('registry columns of pairings', () => {
  it('S3.1 each department with the cities it is paired with, in one line', () => {
    const s3 = loadBuiltin('s3-guangdong-stationing.yaml');
    const form = byId(s3.forms, 's3.1-assignment-table');
    const rows: FormRowInput[] = [{ key: 'department:1', label: '组织部', kind: 'subjects', subjects: ['department:1'] }, { key: 'department:2', label: '办公室', kind: 'subjects', subjects: ['department:2'] }];
    const filled = computeForm(base({
      form, period: { start: '2019-04-01', end: '2019-11-30' }, rows, facts: [],
      partners: { cities: { 'department:1': ['org:14', 'org:18'], 'department:2': ['org:20'] } },
      registry: { 'org:14': { name: '共青团梅州市委员会' }, 'org:18': { name: '共青团清远市委员会' }, 'org:20': { name: '共青团中山市委员会' } },
    }));
    expect(table(filled)).toEqual({ 组织部: { cities: '共青团梅州市委员会、共青团清远市委员会' }, 办公室: { cities: '共青团中山市委员会' } });
    expect(cell(filled, 'department:1', 'cities').holderKeys).toEqual(['org:14', 'org:18']);
  });

  it('S1.10 a township’s month: the helper’s records that name it, its own loans, and the helper’s name', () => {
    const s1 = loadBuiltin('s1-huaihua-assistance.yaml');
    const form = byId(s1.forms, 's1.10-monthly-progress');
    const HELPER = 'department:4';
    const TOWN = 'org:60';
    const TOWN2 = 'org:61';
    const facts = [
      fact('work_meeting', '2010-07-05', ['org:2', HELPER], { partnerKeys: [TOWN], fields: { attendees: '团县委书记' } }),
      fact('fund_transfer', '2010-07-06', ['org:2', HELPER], { partnerKeys: [TOWN], amount: 3000 }),
      fact('election_step', '2010-07-07', ['org:2', HELPER], { partnerKeys: [TOWN], fields: { step: '政策制定' } }),
      fact('election_step', '2010-07-08', ['org:2', HELPER], { partnerKeys: [TOWN], fields: { step: '政策制定' } }),
      fact('election_step', '2010-07-09', ['org:2', HELPER], { partnerKeys: [TOWN], fields: { step: '宣传发动' } }),
      fact('training', '2010-07-10', ['org:2', HELPER], { partnerKeys: [TOWN], peopleReached: 45 }),
      fact('countryside_service', '2010-07-11', ['org:2', HELPER], { partnerKeys: [TOWN], peopleReached: 120 }),
      fact('loan', '2010-07-12', [TOWN], { amount: 50000 }),
      fact('loan', '2010-08-01', [TOWN], { amount: 20000 }), // August
      fact('election_step', '2010-07-07', ['org:9'], { partnerKeys: [TOWN2], fields: { step: '政策制定' } }),
    ];
    const rows: FormRowInput[] = [
      { key: TOWN, label: '中方镇团委', kind: 'subjects', subjects: [TOWN] }, { key: TOWN2, label: '泸阳镇团委', kind: 'subjects', subjects: [TOWN2] },
      { key: 'total', label: '合计', kind: 'total', subjects: [] },
    ];
    const filled = computeForm(base({
      form, period: { start: '2010-07-01', end: '2010-07-31' }, rows, facts, typed: { [`${TOWN}/problems`]: '贷款担保难' },
      partners: { helpers: { [TOWN]: [HELPER] } }, registry: { [HELPER]: { name: '共青团怀化市委员会·学校部' } },
    }));
    expect(table(filled)['中方镇团委']).toEqual({
      helpers: '共青团怀化市委员会·学校部', meetings: 1, funds: 3000, election_steps: 2, activities: 2, youths_served: 165, loans: 5, deliverables: 0, problems: '贷款担保难',
    });
    expect(table(filled)['泸阳镇团委']).toMatchObject({ helpers: null, meetings: 0, election_steps: 1 });
    // 政策制定 in two townships is two steps taken, not one value seen twice.
    expect(table(filled)['合计']).toMatchObject({ helpers: null, funds: 3000, election_steps: 3, loans: 5, problems: null });
  });
});
