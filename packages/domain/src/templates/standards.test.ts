import { describe, expect, it } from 'vitest';
import { loadBuiltin } from './builtin.testing';
import { compareMetric, evaluateStandard, type StandardReview } from './standards';

const s0 = loadBuiltin('s0-meizhou-pairing.yaml');
const demoStandard = s0.standards!.find((s) => s.id === 'demo_standard')!;
const MANDATORY = ['team', 'institutions', 'ledger', 'direct_orgs', 'activities'];

function allPassed(except: string[] = []): Record<string, StandardReview> {
  return Object.fromEntries(MANDATORY.filter((id) => !except.includes(id)).map((id) => [id, { passed: true }]));
}

describe('S0.3 demonstration standard', () => {
  it('S0.3 has 8 items, items 1–5 mandatory, item 4 checked automatically as > 20 direct orgs', () => {
    expect(demoStandard.items).toHaveLength(8);
    expect(demoStandard.items.filter((i) => i.mandatory).map((i) => i.id)).toEqual(MANDATORY);
    expect(demoStandard.items[3]?.check).toMatchObject({ kind: 'auto', metric: 'direct_org_count', op: '>', value: 20 });
    expect(s0.roles.find((r) => r.id === 'demo_town')?.standard).toBe('demo_standard');
  });

  it('S0.3 a candidate with 18 direct orgs fails item 4 and is not approvable', () => {
    const result = evaluateStandard(demoStandard, { autoValues: { direct_org_count: 18 }, reviews: allPassed() });
    expect(result.items.find((i) => i.id === 'direct_orgs')).toMatchObject({ passed: false, reason: '未达到：18个，要求 > 20个' });
    expect(result.mandatoryFailed).toEqual(['direct_orgs']);
    expect(result.approvable).toBe(false);
  });

  it('S0.3 exactly 20 is not "more than 20"', () => {
    expect(evaluateStandard(demoStandard, { autoValues: { direct_org_count: 20 }, reviews: allPassed() }).approvable).toBe(false);
  });

  it('S0.3 with 21 direct orgs and every mandatory review passed the candidate is approvable', () => {
    const result = evaluateStandard(demoStandard, { autoValues: { direct_org_count: 21 }, reviews: allPassed() });
    expect(result.items.find((i) => i.id === 'direct_orgs')?.passed).toBe(true);
    expect(result.mandatoryFailed).toEqual([]);
    expect(result.approvable).toBe(true);
    // Optional items 6–8 not yet judged do not block approval.
    expect(result.items.filter((i) => !i.mandatory).map((i) => i.passed)).toEqual([null, null, null]);
  });

  it('S0.3 a missing review of a mandatory item blocks approval', () => {
    const result = evaluateStandard(demoStandard, { autoValues: { direct_org_count: 21 }, reviews: allPassed(['ledger']) });
    expect(result.items.find((i) => i.id === 'ledger')).toMatchObject({ passed: null, reason: '尚未审核' });
    expect(result.mandatoryFailed).toEqual(['ledger']);
    expect(result.approvable).toBe(false);
  });

  it('S0.3 item 4 needs the 20,000-yuan fund confirmed by a reviewer as well as the count', () => {
    const result = evaluateStandard(demoStandard, { autoValues: { direct_org_count: 25 }, reviews: allPassed(['direct_orgs']) });
    expect(result.items.find((i) => i.id === 'direct_orgs')).toMatchObject({ passed: null });
    expect(result.items.find((i) => i.id === 'direct_orgs')?.reason).toContain('待审核');
    const rejected = evaluateStandard(demoStandard, {
      autoValues: { direct_org_count: 25 },
      reviews: { ...allPassed(), direct_orgs: { passed: false, reason: '2万元工作经费未落实' } },
    });
    expect(rejected.items.find((i) => i.id === 'direct_orgs')).toMatchObject({ passed: false, reason: '达到：25个，要求 > 20个；2万元工作经费未落实' });
    expect(rejected.approvable).toBe(false);
  });

  it('S0.3 without the computed count item 4 is undecided, and a failed optional item does not block', () => {
    const noCount = evaluateStandard(demoStandard, { autoValues: {}, reviews: allPassed() });
    expect(noCount.items.find((i) => i.id === 'direct_orgs')).toMatchObject({ passed: null, reason: '缺少系统数据 direct_org_count' });
    expect(noCount.approvable).toBe(false);
    const optionalFailed = evaluateStandard(demoStandard, { autoValues: { direct_org_count: 30 }, reviews: { ...allPassed(), publicity: false } });
    expect(optionalFailed.items.find((i) => i.id === 'publicity')).toMatchObject({ passed: false, reason: '审核未通过' });
    expect(optionalFailed.approvable).toBe(true);
  });
});

describe('compareMetric', () => {
  it('supports every operator of the language', () => {
    expect([compareMetric('>', 2, 1), compareMetric('>=', 1, 1), compareMetric('<', 1, 2), compareMetric('<=', 2, 2), compareMetric('=', 3, 3), compareMetric('=', 3, 4)]).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
