import { describe, expect, it } from 'vitest';
import { splitTarget } from '../target-split';
import { byId, loadBuiltin } from './builtin.testing';
import { obligation, rec, run } from './compliance.testing';
import { roleQuotaCheck } from './obligations-of';

const t = loadBuiltin('s4-quanzhou-big-committee.yaml');

describe('S4 Quanzhou 2012 乡镇实体化“大团委”', () => {
  it('S4.1 5,000 new direct orgs split over the townships, 100% due on 15 December', () => {
    const target = byId(t.targets, 's4.1-direct-orgs');
    expect(target).toMatchObject({ metric: 'new_direct_org_count', op: '>=', target: 5000, deadline: '12-15' });
    expect(target.split).toEqual({ method: 'weight', over: { kind: 'role', ref: 'township_committee' }, keyRole: 'key_township' });
    // The split is the domain's: 133 townships, the parts add up exactly to the target.
    const townships = Array.from({ length: 133 }, (_, i) => ({ id: `t${String(i).padStart(3, '0')}`, weight: 1 }));
    const parts = splitTarget(target.target!, { method: 'weight', subjects: townships });
    expect(parts.reduce((sum, p) => sum + p.amount, 0)).toBe(5000);
  });

  it('S4.2 a weekly report by each county committee; daily (from mid-November) and half-monthly reports are forms', () => {
    expect(obligation(t, 'S4.2', 's4.2-weekly-report')).toMatchObject({ who: { kind: 'role', ref: 'county_committee' }, period: 'week', min: 1 });
    expect(t.forms?.filter((f) => f.ref === 'S4.2').map((f) => [f.period, f.activeFrom])).toEqual([['week', undefined], ['half_month', undefined], ['day', '11-15']]);
    expect(t.notExpressed?.some((n) => n.ref === 'S4.2')).toBe(false);
  });

  it('S4.3 every township has one named county-committee cadre linked to it; city leaders link to key townships', () => {
    const cadre = byId(t.roles, 'link_cadre');
    // A county cadre sits under no township, so "one per township" is the pairing's exclusive township side, not a role quota.
    expect(cadre).toMatchObject({ holder: 'person', eligibility: { orgKinds: ['committee'], levels: ['county'] } });
    expect(cadre.quota).toBeUndefined();
    expect(byId(t.pairingModes, 'link').sides.map((s) => [s.id, s.who.roles, s.count, s.exclusive ?? false])).toEqual([
      ['cadre', ['link_cadre'], 1, false],
      ['linked_township', ['township_committee'], 1, true],
    ]);
    expect(byId(t.pairingModes, 'city_link').sides[1]?.who.roles).toEqual(['key_township']);
  });

  it('S4.4 key areas are a role that weighs more in the target split', () => {
    expect(byId(t.roles, 'key_township').eligibility?.note).toBe('小城镇、城关镇、经济发达乡镇');
    const parts = splitTarget(30, { method: 'weight', subjects: [{ id: 'a', weight: 1, key: true }, { id: 'b', weight: 1 }], keyMultiplier: 2 });
    expect(parts).toEqual([
      { subjectId: 'a', amount: 20 },
      { subjectId: 'b', amount: 10 },
    ]);
  });

  it('S4.5 building modes for each unit type are the choices of the founding record', () => {
    const fields = byId(t.recordKinds, 'org_founding').fields;
    expect(fields.find((f) => f.id === 'unit_type')?.options).toHaveLength(8);
    expect(fields.find((f) => f.id === 'mode')?.options).toEqual(['直接建团', '联合建团', '街区建团', '市场建团', '楼宇建团', '社团建团']);
  });

  it('S4.6 staged founding: youth organization → quasi-league org → league org, with an acting secretary while in preparation', () => {
    expect(t.founding).toEqual({ refs: ['S4.6'], stages: ['youth_group', 'quasi_org', 'direct_org'], preparingLeader: 'acting_secretary' });
    expect(byId(t.recordKinds, 'org_founding').fields.find((f) => f.id === 'acting_secretary')?.type).toBe('person');
  });

  it('S4.7 township joint meetings of built and to-be-built units are recorded', () => {
    expect(byId(t.recordKinds, 'joint_meeting').fields[0]).toMatchObject({ id: 'members', required: true });
  });

  it('S4.8 data spot checks are recorded with evidence', () => {
    expect(byId(t.recordKinds, 'spot_check')).toMatchObject({ evidence: 'required' });
    expect(byId(t.recordKinds, 'spot_check').fields.find((f) => f.id === 'ledger_matches')?.type).toBe('boolean');
  });

  it('S4.9 each county picks 1–2 demonstration townships', () => {
    const demo = byId(t.roles, 'demo_township');
    expect(demo.quota).toEqual({ per: 'county', count: 2, min: 1, decidedBy: 'parent' });
    expect(roleQuotaCheck(demo, { a: 0, b: 2 }, 'decision').parents.map((p) => p.state)).toEqual(['short', 'ok']);
  });

  it('S4.2 weekly reports are judged per ISO week', () => {
    const o = obligation(t, 'S4.2', 's4.2-weekly-report');
    const records = [rec('county', 'progress_report', '2012-11-12')];
    expect(run(o, { from: '2012-11-12', to: '2012-11-25', records, subjectId: 'county' })).toEqual({ '2012-W46': ['met', 1], '2012-W47': ['missed', 0] });
  });
});
