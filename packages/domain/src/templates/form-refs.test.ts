import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { byId, loadBuiltin, readBuiltin } from './builtin.testing';
import { requirementUses } from './cross-refs';
import { parseTemplate } from './parse';

/** The S0 template with its forms edited, as the people who write templates would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form YAML edited in place
function errorsAfter(mutate: (forms: any[]) => void) {
  const doc = parse(readBuiltin('s0-meizhou-pairing.yaml'));
  mutate(doc.forms);
  const result = parseTemplate(stringify(doc));
  return result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message }));
}

describe('forms in the template language', () => {
  const s0 = loadBuiltin('s0-meizhou-pairing.yaml');

  it('S0.10 Att.1: three role rows and a total, seven computed columns, due on the 20th of the quarter’s last month', () => {
    const f = byId(s0.forms, 's0.10-statistics');
    expect(f).toMatchObject({ period: 'quarter', due: { kind: 'day_of_period_end_month', day: 20 }, reporter: { level: 'county' }, approver: 'issuer' });
    expect(f.rows.map((r) => r.kind)).toEqual(['role', 'role', 'role', 'total']);
    expect(f.columns.map((c) => c.label)).toEqual([
      '学习交流活动（次）', '共建会议（次）', '共建经费（万）', '团课下乡（课）', '向县、乡镇党委汇报（次）', '解决问题（个）', '与青年文明号、五四红旗团组织开展活动（次）',
    ]);
    expect(f.columns.every((c) => c.compute)).toBe(true);
  });

  it('S0.11 Att.2: once by 27 March, the nominations with their leaders, only the remarks typed', () => {
    const f = byId(s0.forms, 's0.11-pairing-table');
    expect(f).toMatchObject({ period: 'program', due: { kind: 'fixed', month: 3, day: 27 } });
    expect(f.columns.filter((c) => c.group === '优秀示范镇团委').map((c) => c.label)).toEqual(['名称', '负责人及联系方式']);
    expect(f.columns.find((c) => c.typed)?.typed?.reason).toBeTruthy();
  });

  it('the forms implement S0.10 and S0.11, so nothing about them is left in notExpressed', () => {
    const uses = requirementUses(s0);
    expect(uses.get('S0.10')).toContain('forms[0]');
    expect(uses.get('S0.11')).toContain('forms[1]');
  });

  it('refuses a column that names no source, or more than one', () => {
    const errors = errorsAfter((forms) => {
      forms[0].columns[0] = { id: 'x', label: '某列' };
      forms[0].columns[1].typed = { type: 'number', reason: '原因' };
    });
    expect(errors.map((e) => e.path)).toEqual(['forms[0].columns[0]', 'forms[0].columns[1]']);
    expect(errors[0]!.message).toContain('compute');
  });

  it('refuses a typed column without a reason', () => {
    const errors = errorsAfter((forms) => { forms[1].columns.at(-1).typed = { type: 'text' }; });
    expect(errors[0]).toMatchObject({ path: 'forms[1].columns[7].typed.reason' });
  });

  it('checks every name a form uses against the template', () => {
    const errors = errorsAfter((forms) => {
      forms[0].rows[0].role = 'no_role';
      forms[0].columns[0].compute.recordKinds = ['no_kind'];
      forms[0].columns[2].compute.quantity = 'days';
      forms[0].columns[3].compute.asPartner = true; // lecture_tour names no partner
      forms[0].columns[4].compute.where = { field: 'no_field', equals: 'x' };
      forms[0].reporter = { role: 'demo_nothing' };
    });
    expect(errors).toEqual(expect.arrayContaining([
      { path: 'forms[0].rows[0].role', message: '报表 s0.10-statistics 引用了不存在的角色 no_role' },
      { path: 'forms[0].columns[0].compute.recordKinds[0]', message: '报表 s0.10-statistics 的列 study_exchanges 引用了不存在的记录类型 no_kind' },
      { path: 'forms[0].columns[2].compute.recordKinds[0]', message: '报表 s0.10-statistics 的列 funds 合计 days，记录类型 fund_transfer 的 quantities 需含 days' },
      { path: 'forms[0].columns[3].compute.recordKinds[0]', message: '报表 s0.10-statistics 的列 lectures 按结对方统计，记录类型 lecture_tour 需写 withPartner: true' },
      { path: 'forms[0].columns[4].compute.where.field', message: '报表 s0.10-statistics 的列 party_reports：记录类型 report_to_party 没有字段 no_field' },
      { path: 'forms[0].reporter.role', message: '报表 s0.10-statistics 引用了不存在的角色 demo_nothing' },
    ]));
  });

  it('a ratio divides two numeric columns of the same form', () => {
    const errors = errorsAfter((forms) => {
      forms[0].columns.push({ id: 'share', label: '比例', compute: { op: 'ratio', numerator: 'meetings', denominator: 'nowhere' } });
      forms[1].columns.push({ id: 'share', label: '比例', compute: { op: 'ratio', numerator: 'remarks', denominator: 'demo_town_name' } });
    });
    expect(errors.map((e) => e.message)).toEqual([
      '报表 s0.10-statistics 的列 share 引用了不存在的列 nowhere',
      '报表 s0.11-pairing-table 的列 share：列 remarks 不是数字，不能相除',
      '报表 s0.11-pairing-table 的列 share：列 demo_town_name 不是数字，不能相除',
    ]);
  });

  it('a sum names a quantity or a number field, not both', () => {
    const errors = errorsAfter((forms) => { forms[0].columns[2].compute.field = 'purpose'; });
    expect(errors.map((e) => e.message)).toEqual([
      '报表 s0.10-statistics 的列 funds：记录类型 fund_transfer 没有数字字段 purpose',
      '报表 s0.10-statistics 的列 funds：合计须写 quantity（记录数量）或 field（数字字段）二者之一',
    ]);
  });

  it('refuses duplicate forms, columns and a second total row', () => {
    const errors = errorsAfter((forms) => {
      forms.push(structuredClone(forms[0]));
      forms[0].columns.push(structuredClone(forms[0].columns[0]));
      forms[0].rows.push({ kind: 'total', label: '总计' });
    });
    expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining([
      '报表 s0.10-statistics 重复', '报表 s0.10-statistics 的列 study_exchanges 重复', '报表 s0.10-statistics 只能有一个合计行',
    ]));
  });

  it('round-trips through YAML unchanged', () => {
    expect(parse(stringify(s0.forms))).toEqual(s0.forms);
  });
});
