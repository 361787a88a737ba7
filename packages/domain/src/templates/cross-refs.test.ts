import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from './builtin.testing';
import { formatPath, requirementUses } from './cross-refs';
import { parseTemplate } from './parse';

/** The smallest template that validates: one pairing, one joint obligation, everything referenced. */
function minimal() {
  return {
    id: 'mini',
    version: 1,
    name: '最小模板',
    source: { issuer: '共青团某市委员会', year: 2024 },
    issuerLevel: 'city',
    defaultPeriod: { kind: 'year' },
    refs: ['S0.8', 'S0.3'],
    roles: [
      { id: 'demo_town', name: '示范镇团委', holder: 'org', standard: 'demo_standard', refs: ['S0.3'] },
      { id: 'cobuild_village', name: '共建村团委', holder: 'org' },
      { id: 'cadre', name: '干部', holder: 'person' },
    ],
    standards: [{ id: 'demo_standard', name: '标准', items: [{ id: 'a', text: '条目', mandatory: true, check: { kind: 'review' } }] }],
    pairingModes: [
      {
        id: '1+1',
        name: '结对',
        sides: [
          { id: 'demo', name: '示范', who: { roles: ['demo_town'] }, count: 1 },
          { id: 'cobuild', name: '共建', who: { roles: ['cobuild_village'] }, count: { min: 1 } },
        ],
      },
    ],
    recordKinds: [
      { id: 'work_meeting', name: '例会', fields: [], evidence: 'required', withPartner: true },
      { id: 'fund_transfer', name: '经费', fields: [], evidence: 'required', quantities: ['amount'] },
    ],
    obligations: [
      {
        id: 'meetings',
        ref: 'S0.8',
        name: '每月两次例会',
        who: { kind: 'pairing_side', ref: 'demo' },
        what: { recordKinds: ['work_meeting'], jointWithPartner: true },
        measure: 'count',
        min: 2,
        period: 'month',
      },
    ],
  };
}
type Mini = ReturnType<typeof minimal> & Record<string, unknown>;

function errorsAfter(mutate: (t: Mini) => void) {
  const t = minimal() as Mini;
  mutate(t);
  const result = parseTemplate(stringify(t));
  return result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message }));
}

describe('cross-references', () => {
  it('the minimal template is valid', () => {
    expect(errorsAfter(() => {})).toEqual([]);
  });

  it('an obligation naming an unknown role, side or record kind reports the exact path', () => {
    expect(errorsAfter((t) => (t.obligations[0]!.who = { kind: 'pairing_side', ref: 'demoo' }))).toEqual([
      { path: 'obligations[0].who.ref', message: '工作要求 meetings 引用了不存在的结对方 demoo' },
    ]);
    expect(errorsAfter((t) => (t.obligations[0]!.who = { kind: 'role', ref: 'demo_twn' }))).toContainEqual({
      path: 'obligations[0].who.ref',
      message: '工作要求 meetings 引用了不存在的角色 demo_twn',
    });
    expect(errorsAfter((t) => t.obligations[0]!.what.recordKinds.push('work_meting'))).toEqual([
      { path: 'obligations[0].what.recordKinds[1]', message: '工作要求 meetings 引用了不存在的记录类型 work_meting' },
    ]);
  });

  it('the subject kind must match the role’s holder (a person is a cadre, not a role)', () => {
    expect(errorsAfter((t) => (t.obligations[0]!.who = { kind: 'role', ref: 'cadre' }))).toContainEqual({
      path: 'obligations[0].who.kind',
      message: '工作要求 meetings：角色 cadre 的承担者是个人，who.kind 应为 cadre',
    });
  });

  it('a pairing side naming an unknown role, and a role naming an unknown standard', () => {
    expect(errorsAfter((t) => (t.pairingModes[0]!.sides[1]!.who.roles = ['cobuild']))).toEqual([
      { path: 'pairingModes[0].sides[1].who.roles[0]', message: '结对方 cobuild 引用了不存在的角色 cobuild' },
    ]);
    expect(errorsAfter((t) => (t.roles[0]!.standard = 'demo'))).toEqual([
      { path: 'roles[0].standard', message: '角色 demo_town 引用了不存在的标准 demo' },
    ]);
  });

  it('a joint obligation needs a partner-naming record kind and a subject that is paired', () => {
    expect(errorsAfter((t) => (t.recordKinds[0]!.withPartner = false))).toEqual([
      { path: 'obligations[0].what.recordKinds[0]', message: '工作要求 meetings 要求与结对方联合开展，记录类型 work_meeting 需写 withPartner: true' },
    ]);
    expect(errorsAfter((t) => (t.obligations[0]!.who = { kind: 'org_kind', ref: 'committee' }))).toEqual([
      { path: 'obligations[0].what.jointWithPartner', message: '工作要求 meetings 要求与结对方联合开展，但 committee 不在任何结对方式中' },
    ]);
  });

  it('S3.2 an obligation on cadres or departments needs record kinds that name them', () => {
    const errors = errorsAfter((t) => {
      t.obligations[0]!.who = { kind: 'cadre', ref: 'cadre' };
      t.obligations[0]!.what = { recordKinds: ['fund_transfer'], jointWithPartner: false };
    });
    expect(errors).toEqual([{ path: 'obligations[0].what.recordKinds[0]', message: '工作要求 meetings 的承担者是个人，记录类型 fund_transfer 需写 byCadres: true' }]);
    expect(errorsAfter((t) => {
      t.obligations[0]!.who = { kind: 'cadre', ref: 'cadre' };
      t.obligations[0]!.what = { recordKinds: ['fund_transfer'], jointWithPartner: false };
      (t.recordKinds[1] as Record<string, unknown>).byCadres = true;
    })).toEqual([]);
  });

  it('an amount measure needs record kinds that carry an amount', () => {
    const errors = errorsAfter((t) => {
      t.obligations[0]!.measure = 'amount';
      t.obligations[0]!.what = { recordKinds: ['work_meeting'], jointWithPartner: false };
    });
    expect(errors).toEqual([{ path: 'obligations[0].what.recordKinds[0]', message: '工作要求 meetings 按金额计，记录类型 work_meeting 的 quantities 需含 amount' }]);
  });

  it('validateObligation is applied: activeFrom after activeTo', () => {
    const errors = errorsAfter((t) => Object.assign(t.obligations[0]!, { activeFrom: '2024-05-01', activeTo: '2024-04-01' }));
    expect(errors).toEqual([{ path: 'obligations[0]', message: '工作要求 meetings 定义无效：activeFrom is after activeTo' }]);
  });

  it('duplicate ids, and side ids repeated across pairing modes', () => {
    expect(errorsAfter((t) => t.roles.push({ ...t.roles[1]! }))).toContainEqual({ path: 'roles[3]', message: '角色 cobuild_village 重复' });
    const errors = errorsAfter((t) => t.pairingModes.push({ ...t.pairingModes[0]!, id: 'again' }));
    expect(errors).toContainEqual({ path: 'pairingModes[1].sides[0]', message: '结对方的标识 demo 在整个模板中应唯一' });
  });

  it('every element’s requirement id is declared, and every declared id is implemented or listed as not expressed', () => {
    expect(errorsAfter((t) => (t.obligations[0]!.ref = 'S0.9'))).toEqual([
      { path: 'obligations[0].ref', message: '需求 S0.9 未列在模板开头的 refs 中' },
      { path: 'refs[0]', message: '需求 S0.8 没有任何内容实现，也未列入 notExpressed' },
    ]);
    expect(errorsAfter((t) => (t.notExpressed = [{ ref: 'S0.11', what: '表格', reason: '后续' }]))).toEqual([
      { path: 'notExpressed[0].ref', message: '需求 S0.11 未列在模板开头的 refs 中' },
    ]);
  });

  it('assignments must use the pairing mode’s sides in the right numbers', () => {
    const errors = errorsAfter((t) => {
      t.refs.push('S3.1');
      t.assignments = [{ ref: 'S3.1', pairingMode: '1+1', rows: [{ demo: ['甲', '乙'], cobuild: ['丙'] }, { demo: ['丁'], city: ['戊'] }] }];
    });
    expect(errors).toEqual([
      { path: 'assignments[0].rows[0].demo', message: '结对方 demo 的数量 2 不符合要求' },
      { path: 'assignments[0].rows[1].city', message: '结对方式 1+1 没有结对方 city' },
      { path: 'assignments[0].rows[1]', message: '第 2 行缺少结对方 cobuild' },
    ]);
  });

  it('field-level rules: a select needs options; a quota cannot ask for fewer nominations than places', () => {
    const errors = errorsAfter((t) => {
      t.recordKinds[0]!.fields = [{ id: 'kind', label: '类型', type: 'select' }] as never;
      Object.assign(t.roles[0]!, { quota: { per: 'county', count: 2, nominate: 1 } });
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'roles[0].quota.nominate', message: '推荐数 nominate 不能少于最终名额 count' },
        { path: 'recordKinds[0].fields[0].options', message: '下拉字段（select）必须写 options，其他类型不能写' },
      ]),
    );
  });
});

describe('requirementUses', () => {
  it('S0 lists where each requirement is implemented', () => {
    const uses = requirementUses(loadBuiltin('s0-meizhou-pairing.yaml'));
    expect(uses.get('S0.8')).toEqual(
      expect.arrayContaining(['pairingModes[2]', 'recordKinds[2]', 'obligations[4]', 'obligations[5]', 'obligations[6]']),
    );
    expect(uses.get('S0.3')).toEqual(['roles[0]', 'standards[0]']);
  });

  it('formatPath writes indices in brackets', () => {
    expect(formatPath(['obligations', 3, 'what', 'recordKinds', 0])).toBe('obligations[3].what.recordKinds[0]');
    expect(formatPath([])).toBe('');
  });
});
