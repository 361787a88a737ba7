import { describe, expect, it } from 'vitest';
import { validateObligation } from '../obligations';
import { BUILTIN_TEMPLATE_FILES, loadBuiltin } from './builtin.testing';
import { deliverableDueDates, obligationsFor, programRange, resolveMonthDay, roleQuotaCheck, templateObligations } from './obligations-of';
import type { ProgramTemplate } from './schema';

const s0 = loadBuiltin('s0-meizhou-pairing.yaml');
const s1 = loadBuiltin('s1-huaihua-assistance.yaml');
const s3 = loadBuiltin('s3-guangdong-stationing.yaml');
const s4 = loadBuiltin('s4-quanzhou-big-committee.yaml');

function role(t: ProgramTemplate, id: string) {
  const r = t.roles.find((x) => x.id === id);
  if (!r) throw new Error(`no role ${id}`);
  return r;
}
function deliverable(t: ProgramTemplate, id: string) {
  const d = t.deliverables?.find((x) => x.id === id);
  if (!d) throw new Error(`no deliverable ${id}`);
  return d;
}

describe('templateObligations', () => {
  it.each(BUILTIN_TEMPLATE_FILES)('%s: every obligation is a valid domain Obligation with ref and name', (file) => {
    const obligations = templateObligations(loadBuiltin(file));
    for (const o of obligations) {
      expect(validateObligation(o)).toEqual([]);
      expect(o.ref).toMatch(/^S\d\.\d+$/);
      expect(o.name).not.toBe('');
    }
  });

  it('returns copies: changing one does not change the template', () => {
    const [first] = templateObligations(s0);
    first!.what.recordKinds.push('changed');
    expect(s0.obligations[0]?.what.recordKinds).toEqual(['study_exchange']);
  });

  it('obligationsFor picks every obligation of one requirement', () => {
    expect(obligationsFor(s0, 'S0.8').map((o) => o.id)).toEqual(['s0.8-work-meeting-demo', 's0.8-work-meeting-cobuild', 's0.8-demo-town-supervision']);
  });
});

describe('programRange', () => {
  it('a calendar-year program', () => {
    expect(programRange(s0, 2014)).toEqual({ start: '2014-01-01', end: '2014-12-31' });
  });
  it('S1.1 June 2010 – June 2011, one year', () => {
    expect(programRange(s1, 2010)).toEqual({ start: '2010-06-01', end: '2011-05-31' });
  });
  it('S3.2 April – November 2019', () => {
    expect(programRange(s3, 2019)).toEqual({ start: '2019-04-01', end: '2019-11-30' });
  });
});

describe('deadlines', () => {
  it("'MM-DD' means the first such day on or after the program start", () => {
    expect(resolveMonthDay('12-31', '2019-04-01')).toBe('2019-12-31');
    expect(resolveMonthDay('03-31', '2010-06-01')).toBe('2011-03-31');
    expect(resolveMonthDay('06-01', '2010-06-01')).toBe('2010-06-01');
    expect(resolveMonthDay('02-29', '2019-01-01')).toBe('2019-02-28');
  });

  it('S0.10 the statistics table is due on the 20th of each quarter’s last month', () => {
    const dues = deliverableDueDates(deliverable(s0, 's0.10-statistics'), programRange(s0, 2014));
    expect(dues.map((d) => d.due)).toEqual(['2014-03-20', '2014-06-20', '2014-09-20', '2014-12-20']);
  });

  it('S0.11 the pairing table is due on 27 March', () => {
    expect(deliverableDueDates(deliverable(s0, 's0.11-pairing-table'), programRange(s0, 2014))).toEqual([{ periodKey: 'program', due: '2014-03-27' }]);
  });

  it('S3.6 the project report is due by 10 December and the lecture materials by 31 December, after the field work', () => {
    const range = programRange(s3, 2019);
    expect(deliverableDueDates(deliverable(s3, 's3.6-project-report'), range)[0]?.due).toBe('2019-12-10');
    expect(deliverableDueDates(deliverable(s3, 's3.6-lecture-materials'), range)[0]?.due).toBe('2019-12-31');
  });

  it('S1.8 the seven deliverables are due when the program year ends', () => {
    expect(deliverableDueDates(deliverable(s1, 's1.8-survey'), programRange(s1, 2010))).toEqual([{ periodKey: 'program', due: '2011-05-31' }]);
  });

  it('a deliverable without a date has none', () => {
    expect(deliverableDueDates(deliverable(s0, 's0.7-work-plan'), programRange(s0, 2014))).toEqual([{ periodKey: 'program', due: null }]);
  });
});

describe('roleQuotaCheck', () => {
  it('S0.1 each county nominates up to 2 demo towns; none is short, 3 is over', () => {
    const check = roleQuotaCheck(role(s0, 'demo_town'), { meixian: 2, xingning: 1, pingyuan: 0, dabu: 3 });
    expect(check.ok).toBe(false);
    expect(Object.fromEntries(check.parents.map((p) => [p.parentId, p.state]))).toEqual({ dabu: 'over', meixian: 'ok', pingyuan: 'short', xingning: 'ok' });
    expect(check.parents.find((p) => p.parentId === 'dabu')?.message).toBe('优秀示范镇团委应推荐 1–2 个，现为 3 个');
  });

  it('S0.1 the city then decides exactly one demo town per county', () => {
    const check = roleQuotaCheck(role(s0, 'demo_town'), { meixian: 1, dabu: 2 }, 'decision');
    expect(check.parents.map((p) => [p.parentId, p.state])).toEqual([
      ['dabu', 'over'],
      ['meixian', 'ok'],
    ]);
  });

  it('S0.11 only one co-build village may be reported', () => {
    expect(roleQuotaCheck(role(s0, 'cobuild_village'), { meixian: 2 }).parents[0]).toMatchObject({ state: 'over', message: '共建村团委应推荐 1 个，现为 2 个' });
    expect(roleQuotaCheck(role(s0, 'cobuild_village'), { meixian: 1 }).ok).toBe(true);
  });

  it('S4.9 each county picks 1–2 demonstration townships', () => {
    const check = roleQuotaCheck(role(s4, 'demo_township'), { a: 0, b: 1, c: 2, d: 3 }, 'decision');
    expect(check.parents.map((p) => p.state)).toEqual(['short', 'ok', 'ok', 'over']);
  });

  it('a role without a quota accepts any number', () => {
    expect(roleQuotaCheck(role(s0, 'county_committee'), { x: 5 }).ok).toBe(true);
  });
});
