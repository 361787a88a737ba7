import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { createProgram } from '../src/features/programs/programs.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * Issue 9, concurrent edits: two people save the same org, form or record at the same moment from the same
 * version. Exactly one save wins; the other is refused with a message saying why, and nothing the winner
 * wrote is overwritten. Both requests are in flight together, not one after the other.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let a: Client; // manager at 梅县区
let b: Client; // reporter at 梅县区
let programId: number;

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing' ORDER BY version DESC LIMIT 1"))[0]!.id;
  programId = await createProgram(t.database.db, systemContext('test'), SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.mz, scopeOrgId: t.tree.mz, year: 2026 });
  await seedUser(t.database, 'mx_a', 'manager', t.tree.mx);
  await seedUser(t.database, 'mx_b', 'reporter', t.tree.mx);
  a = await loginAs(t.app, 'mx_a');
  b = await loginAs(t.app, 'mx_b');
});

/** Two saves fired together: returns them in the order [winner, loser], failing if both or neither won. */
async function race(first: () => Promise<{ statusCode: number; json: () => any }>, second: () => Promise<{ statusCode: number; json: () => any }>) {
  const answers = await Promise.all([first(), second()]);
  const codes = answers.map((x) => x.statusCode).sort();
  expect(codes).toEqual([200, 409]);
  return answers[0]!.statusCode === 200 ? { won: 0, winner: answers[0]!, loser: answers[1]! } : { won: 1, winner: answers[1]!, loser: answers[0]! };
}

describe('issue 9 concurrent edits: the second save of one version is refused, never silently overwritten', () => {
  it('one org edited by two managers at once', async () => {
    const before = (await a.get(`/api/orgs/${t.tree.bc}`)).json();
    const { won, loser } = await race(
      () => a.patch(`/api/orgs/${t.tree.bc}`, { version: before.version, memberCount: 120 }),
      () => a.patch(`/api/orgs/${t.tree.bc}`, { version: before.version, memberCount: 999 }),
    );
    expect(loser.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const after = (await a.get(`/api/orgs/${t.tree.bc}`)).json();
    expect(after.memberCount).toBe(won === 0 ? 120 : 999);
    expect(after.version).toBe(before.version + 1);
  });

  it('one form\'s notes typed by the county\'s manager and its reporter at once (S0.10, 梅县区, 2026-Q1)', async () => {
    const url = `/api/programs/${programId}/forms/s0.10-statistics/periods/2026-Q1/reports/org-${t.tree.mx}`;
    const before = (await b.get(url)).json();
    const { won, loser } = await race(
      () => a.patch(url, { version: before.version, notes: '经费已拨付' }),
      () => b.patch(url, { version: before.version, notes: '请核对会议次数' }),
    );
    expect(loser.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const after = (await a.get(url)).json();
    expect(after.notes).toBe(won === 0 ? '经费已拨付' : '请核对会议次数');
    expect(after.version).toBe(before.version + 1);
  });

  it('one draft record finished by two people at once', async () => {
    const saved = (await b.post(`/api/programs/${programId}/records`, {
      kind: 'site_supervision', orgId: t.tree.bc, occurredOn: '2026-02-10', status: 'draft', fields: { visited_org: '丙村村团支部' },
    })).json();
    const draft = saved.items[0];
    const { won, loser } = await race(
      () => a.patch(`/api/records/${draft.id}`, { version: draft.version, fields: { visited_org: '丙村村团支部', findings: '台账齐全' } }),
      () => b.patch(`/api/records/${draft.id}`, { version: draft.version, fields: { visited_org: '丙村村团支部', findings: '缺少会议记录' } }),
    );
    expect(loser.json().message).toMatch(/[\u4e00-\u9fa5]/);
    const rows = await t.database.query<{ version: number; findings: string }>("SELECT version, fields->>'findings' AS findings FROM records WHERE id = $1", [draft.id]);
    expect(rows).toEqual([{ version: draft.version + 1, findings: won === 0 ? '台账齐全' : '缺少会议记录' }]);
  });
});
