import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin } from '../templates/builtin.testing';
import type { TemplateForm } from '../templates/form-schema';
import { computeForm, roundTo } from './compute';
import type { FilledForm, FormFact, FormInput, FormRowInput } from './types';

const s0 = loadBuiltin('s0-meizhou-pairing.yaml');
const statistics = byId(s0.forms, 's0.10-statistics');
const pairingTable = byId(s0.forms, 's0.11-pairing-table');

let nextId = 1;
function fact(kind: string, date: string, subject: string, extra: Partial<FormFact> = {}): FormFact {
  return { id: String(nextId++), kind, date, subjectKeys: [subject], partnerKeys: [], fields: {}, verified: false, ...extra };
}

const TOWN = 'org:10';
const VILLAGE = 'org:20';
const COBUILD = 'org:30';
const POST = 'org:40'; // 青年文明号 collective
const FLAG = 'org:50'; // 五四红旗 org
const OTHER = 'org:99';

const s0Rows: FormRowInput[] = [
  { key: 'role:demo_town', label: '优秀示范乡镇团委', kind: 'subjects', subjects: [TOWN] },
  { key: 'role:demo_village', label: '优秀示范村团委', kind: 'subjects', subjects: [VILLAGE] },
  { key: 'role:cobuild_village', label: '共建村团委', kind: 'subjects', subjects: [COBUILD] },
  { key: 'total', label: '合  计', kind: 'total', subjects: [] },
];

function input(form: TemplateForm, facts: FormFact[], over: Partial<FormInput> = {}): FormInput {
  return {
    form, period: { start: '2014-04-01', end: '2014-06-30' }, rows: s0Rows, facts,
    roleHolders: { civilization_post_partner: [POST], red_flag_partner: [FLAG], demo_town: [TOWN], demo_village: [VILLAGE], cobuild_village: [COBUILD] },
    reporterHolders: {}, registry: {}, typed: {}, verifiedOnly: false, reporterKey: 'org:5', ...over,
  };
}

/** Row label → column id → value: the form as a person reads it. */
function table(filled: FilledForm) {
  return Object.fromEntries(filled.rows.map((r) => [r.label, Object.fromEntries(r.cells.map((c) => [c.column, c.value]))]));
}
const cell = (filled: FilledForm, rowKey: string, column: string) => filled.rows.find((r) => r.key === rowKey)!.cells.find((c) => c.column === column)!;

describe('S0.10 结对共建信息统计表 computed from records (X.2)', () => {
  const facts = [
    fact('study_exchange', '2014-04-10', TOWN, { verified: true }),
    fact('study_exchange', '2014-05-10', TOWN),
    fact('study_exchange', '2014-06-30', VILLAGE), // last day of the quarter: in
    fact('study_exchange', '2014-07-01', VILLAGE), // next quarter: out
    fact('study_exchange', '2014-03-31', COBUILD), // previous quarter: out
    fact('work_meeting', '2014-04-03', TOWN, { partnerKeys: [COBUILD] }),
    fact('work_meeting', '2014-04-17', COBUILD, { partnerKeys: [TOWN] }),
    fact('work_meeting', '2014-05-06', VILLAGE, { partnerKeys: [COBUILD] }),
    fact('fund_transfer', '2014-04-20', TOWN, { amount: 15000 }),
    fact('fund_transfer', '2014-05-20', TOWN, { amount: 5000 }),
    fact('fund_transfer', '2014-05-21', COBUILD, { amount: 1234 }),
    fact('lecture_tour', '2014-06-01', COBUILD),
    fact('report_to_party', '2014-06-02', TOWN, { fields: { party_committee: '乡镇党委' } }),
    fact('problem_solved', '2014-04-22', VILLAGE, { fields: { problem: '团支部无活动场地' } }),
    fact('problem_solved', '2014-05-22', COBUILD, { fields: { problem: '团员档案不全' } }),
    fact('joint_activity', '2014-05-04', POST, { partnerKeys: [VILLAGE] }), // the partner unit recorded it
    fact('joint_activity', '2014-05-18', COBUILD, { partnerKeys: [FLAG] }),
    fact('joint_activity', '2014-06-08', VILLAGE, { partnerKeys: [COBUILD] }), // S0.9 with the co-build village: not a 青年文明号 activity
    fact('joint_activity', '2014-06-09', OTHER, { partnerKeys: [VILLAGE] }), // someone without the role
  ];
  const filled = computeForm(input(statistics, facts));

  it('S0.10 every cell of the three rows and the total', () => {
    expect(table(filled)).toEqual({
      优秀示范乡镇团委: { study_exchanges: 2, meetings: 2, funds: 2, lectures: 0, party_reports: 1, problems_solved: 0, honor_activities: 0 },
      优秀示范村团委: { study_exchanges: 1, meetings: 1, funds: 0, lectures: 0, party_reports: 0, problems_solved: 1, honor_activities: 1 },
      共建村团委: { study_exchanges: 0, meetings: 3, funds: 0.12, lectures: 1, party_reports: 0, problems_solved: 1, honor_activities: 1 },
      // Three meetings, not six: each is counted once however many rows it serves.
      '合  计': { study_exchanges: 3, meetings: 3, funds: 2.12, lectures: 1, party_reports: 1, problems_solved: 2, honor_activities: 2 },
    });
  });

  it('X.2 every computed cell carries the records behind it, by date', () => {
    expect(cell(filled, 'role:demo_town', 'study_exchanges').recordIds).toEqual([facts[0]!.id, facts[1]!.id]);
    expect(cell(filled, 'role:cobuild_village', 'meetings').recordIds).toEqual([facts[5]!.id, facts[6]!.id, facts[7]!.id]);
    expect(cell(filled, 'total', 'honor_activities').recordIds).toEqual([facts[15]!.id, facts[16]!.id]);
  });

  it('S0.10 the footer names each solved problem and the two partner orgs', () => {
    const withPartners = computeForm(input(statistics, facts, {
      reporterHolders: { civilization_post_partner: { approved: [POST], nominated: [] }, red_flag_partner: { approved: [FLAG], nominated: [] } },
      registry: { [POST]: { name: '梅州市青年文明号集体' }, [FLAG]: { name: '梅州市五四红旗团委' } },
    }));
    expect(withPartners.footer.map((c) => [c.column, c.value])).toEqual([
      ['problems', '团支部无活动场地\n团员档案不全'],
      ['partner_orgs', '梅州市青年文明号集体\n梅州市五四红旗团委'],
    ]);
    expect(withPartners.footer[1]!.holderKeys).toEqual([POST, FLAG]);
  });

  it('reported and verified figures stand side by side; the program decides which counts (S3.8)', () => {
    const c = cell(filled, 'role:demo_town', 'study_exchanges');
    expect(c).toMatchObject({ value: 2, counts: 'reported', figures: { reported: 2, verified: 1, spotChecked: 0 } });
    const strict = computeForm(input(statistics, facts, { verifiedOnly: true }));
    expect(cell(strict, 'role:demo_town', 'study_exchanges')).toMatchObject({ value: 1, counts: 'verified', recordIds: [facts[0]!.id] });
  });

  it('an empty quarter is zeros, not blanks', () => {
    expect(table(computeForm(input(statistics, [])))['合  计']).toEqual({ study_exchanges: 0, meetings: 0, funds: 0, lectures: 0, party_reports: 0, problems_solved: 0, honor_activities: 0 });
  });
});

/** A small form exercising each column type on two org rows. */
const probe: TemplateForm = {
  id: 'probe', ref: 'S3.7', name: '测试表', title: '测试表', period: 'month', due: { kind: 'period_end' }, reporter: { level: 'county' }, approver: 'parent',
  rowHeader: '单位',
  rows: [{ kind: 'level', level: 'township' }, { kind: 'fixed', id: 'others', label: '其他' }, { kind: 'total', label: '合计' }],
  columns: [
    { id: 'checks', label: '抽查数', compute: { op: 'count', recordKinds: ['spot_check'] } },
    { id: 'no_cadre', label: '无团干', compute: { op: 'count', recordKinds: ['spot_check'], where: { field: 'has_cadre', equals: false } } },
    { id: 'branches', label: '抽查支部', compute: { op: 'distinct', recordKinds: ['spot_check'], by: { field: 'branch' } } },
    { id: 'days', label: '驻点天数', compute: { op: 'distinct', recordKinds: ['stationing_day'], by: 'date' } },
    { id: 'cadres', label: '驻点人数', compute: { op: 'distinct', recordKinds: ['stationing_day'], by: 'cadre' } },
    { id: 'people', label: '覆盖人数', compute: { op: 'sum', recordKinds: ['stationing_day'], quantity: 'peopleReached' } },
    { id: 'share', label: '无团干比例（%）', compute: { op: 'ratio', numerator: 'no_cadre', denominator: 'checks', percent: true, decimals: 1 } },
    { id: 'members', label: '团员数', typed: { type: 'number', reason: '来自智慧团建' } },
    { id: 'per_member', label: '人均', compute: { op: 'ratio', numerator: 'people', denominator: 'members' } },
    { id: 'opinion', label: '意见', typed: { type: 'text', reason: '自由文字' } },
  ],
};
const probeRows: FormRowInput[] = [
  { key: 'org:1', label: '甲镇', kind: 'subjects', subjects: ['org:1'] },
  { key: 'org:2', label: '乙镇', kind: 'subjects', subjects: ['org:2'] },
  { key: 'fixed:others', label: '其他', kind: 'fixed', subjects: [] },
  { key: 'total', label: '合计', kind: 'total', subjects: [] },
];

describe('column types', () => {
  const facts = [
    fact('spot_check', '2019-05-02', 'org:1', { fields: { has_cadre: false, branch: '甲一支部' }, verified: true, spotChecked: true }),
    fact('spot_check', '2019-05-03', 'org:1', { fields: { has_cadre: true, branch: '甲一支部' } }),
    fact('spot_check', '2019-05-04', 'org:1', { fields: { has_cadre: false, branch: '甲二支部' } }),
    fact('spot_check', '2019-05-05', 'org:2', { fields: { has_cadre: true, branch: '乙一支部' } }),
    fact('stationing_day', '2019-05-10', 'org:1', { subjectKeys: ['org:1', 'department:7', 'cadre:1', 'cadre:2'], peopleReached: 8 }),
    fact('stationing_day', '2019-05-10', 'org:1', { subjectKeys: ['org:1', 'department:7', 'cadre:3'], peopleReached: 4 }),
    fact('stationing_day', '2019-05-31', 'org:2', { subjectKeys: ['org:2', 'cadre:1'], peopleReached: 5 }),
    fact('stationing_day', '2019-06-01', 'org:2', { subjectKeys: ['org:2', 'cadre:1'], peopleReached: 50 }), // June: out
  ];
  const typed = { 'org:1/members': 40, 'org:2/members': 10, 'org:1/opinion': '希望多开展活动', 'fixed:others/members': 5 };
  const filled = computeForm({ ...input(probe, facts), rows: probeRows, period: { start: '2019-05-01', end: '2019-05-31' }, typed });

  it('count, count with a field filter, distinct by field, date and cadre, sum of a quantity', () => {
    expect(table(filled)['甲镇']).toMatchObject({ checks: 3, no_cadre: 2, branches: 2, days: 1, cadres: 3, people: 12 });
    expect(table(filled)['乙镇']).toMatchObject({ checks: 1, no_cadre: 0, branches: 1, days: 1, cadres: 1, people: 5 });
  });

  it('the total re-counts distinct values over all rows instead of adding the rows', () => {
    expect(table(filled)['合计']).toMatchObject({ checks: 4, no_cadre: 2, branches: 3, days: 2, cadres: 3, people: 17 });
  });

  it('a ratio of two computed columns, in percent, with both records behind it; none when the denominator is 0', () => {
    expect(cell(filled, 'org:1', 'share')).toMatchObject({ value: 66.7, figures: { reported: 66.7, verified: 100, spotChecked: 100 } });
    expect(cell(filled, 'org:1', 'share').recordIds).toHaveLength(3);
    expect(cell(filled, 'org:2', 'share').value).toBe(0);
    expect(cell(filled, 'total', 'share').value).toBe(50);
    const empty = computeForm({ ...input(probe, []), rows: probeRows, period: { start: '2019-05-01', end: '2019-05-31' } });
    expect(cell(empty, 'org:1', 'share').value).toBeNull();
  });

  it('typed cells stay apart; the total adds typed numbers; a ratio may divide by a typed number', () => {
    expect(cell(filled, 'org:1', 'members')).toMatchObject({ source: 'typed', value: 40, recordIds: [] });
    expect(cell(filled, 'org:1', 'opinion')).toMatchObject({ source: 'typed', value: '希望多开展活动' });
    expect(cell(filled, 'total', 'members').value).toBe(55);
    expect(cell(filled, 'org:1', 'per_member').value).toBe(0.3);
    expect(cell(filled, 'org:2', 'per_member').value).toBe(0.5);
  });

  it('a fixed line has typed cells only; its computed cells are empty', () => {
    expect(table(filled)['其他']).toMatchObject({ checks: null, members: 5, opinion: null });
  });

  it('period boundaries: the first and the last day are in, the next day is out', () => {
    const june = computeForm({ ...input(probe, facts), rows: probeRows, period: { start: '2019-06-01', end: '2019-06-30' } });
    expect(table(june)['乙镇']).toMatchObject({ days: 1, people: 50 });
    const lastDay = computeForm({ ...input(probe, facts), rows: probeRows, period: { start: '2019-05-31', end: '2019-05-31' } });
    expect(table(lastDay)['乙镇']).toMatchObject({ days: 1, people: 5 });
    expect(table(lastDay)['甲镇']).toMatchObject({ days: 0, people: 0 });
  });
});

describe('S0.11 registry columns', () => {
  const rows: FormRowInput[] = [{ key: 'org:5', label: '共青团梅县区委员会', kind: 'subjects', subjects: ['org:5'] }];
  const filled = computeForm({
    ...input(pairingTable, []), rows,
    reporterHolders: {
      demo_town: { approved: [TOWN], nominated: ['org:11'] },
      demo_village: { approved: [], nominated: [VILLAGE, 'org:21'] },
      cobuild_village: { approved: [COBUILD], nominated: [] },
    },
    registry: {
      'org:5': { name: '共青团梅县区委员会', leaderName: '李明', leaderMobile: '13800001111' },
      [TOWN]: { name: '丙村镇团委', leaderName: '张三', leaderMobile: '13912345678' },
      'org:11': { name: '雁洋镇团委', leaderName: '王五', leaderMobile: null },
      [VILLAGE]: { name: '丙村村团支部', leaderName: null },
      'org:21': { name: '东岭村团支部', leaderName: '赵六', leaderMobile: '13700002222' },
      [COBUILD]: { name: '雁洋村团支部', leaderName: '钱七', leaderMobile: '13600003333' },
    },
    typed: { 'org:5/remarks': '示范村由团市委确定' },
  });

  it('S0.11 names and leaders with mobiles come from the registry, nominated candidates included', () => {
    expect(table(filled)['共青团梅县区委员会']).toEqual({
      county_contact: '李明 13800001111',
      demo_town_name: '丙村镇团委\n雁洋镇团委',
      demo_town_contact: '张三 13912345678\n王五',
      demo_village_name: '丙村村团支部\n东岭村团支部',
      demo_village_contact: '\n赵六 13700002222',
      cobuild_village_name: '雁洋村团支部',
      cobuild_village_contact: '钱七 13600003333',
      remarks: '示范村由团市委确定',
    });
  });

  it('S0.11 a cell lists the mobiles it shows, so they can be masked', () => {
    expect(cell(filled, 'org:5', 'demo_town_contact')).toMatchObject({ source: 'attribute', holderKeys: [TOWN, 'org:11'], mobiles: ['13912345678'] });
    expect(cell(filled, 'org:5', 'demo_town_name').mobiles).toEqual([]);
  });
});

describe('rounding', () => {
  it('rounds half away from zero after scaling, not before', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(15000 * 0.0001 + 5000 * 0.0001, 2)).toBe(2);
  });
});
