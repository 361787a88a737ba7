import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { createProgram } from '../src/features/programs/programs.service';
import { assignHolder } from '../src/features/programs/holders.service';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, type Client } from './helpers';

/**
 * Records after they are written (issue 4, S3.8): drafts, submission, verification by the level above,
 * return with a reason, new versions after verification, and idempotent retries from a phone.
 * S0 on the fixture 梅县区: 丙村镇 (bc) holds the demo-town role; its supervision counts once a month.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let town: Client; // a reporter at 丙村镇
let county: Client; // a manager at 梅县区, the level above
let townManager: Client; // a manager at 丙村镇 itself
let programId: number;

const supervision = (day: string, extra: Record<string, unknown> = {}) => ({
  kind: 'site_supervision', orgId: t.tree.bc, occurredOn: day, fields: { visited_org: '丙村村团支部', findings: '台账齐全' }, ...extra,
});
const cell = async (key: string) => {
  const m = (await county.get(`/api/programs/${programId}/compliance?obligation=s0.8-demo-town-supervision`)).json();
  return m.rows.find((r: { subjectKey: string }) => r.subjectKey === `org:${t.tree.bc}`).cells.find((c: { periodKey: string }) => c.periodKey === key);
};
const withKey = (c: Client, key: string, body: unknown) => t.app.inject({
  method: 'POST', url: `/api/programs/${programId}/records`, payload: body as never,
  cookies: { tj_session: c.cookie }, headers: { 'x-csrf-token': c.csrfToken, 'idempotency-key': key },
});
const count = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE program_id = $1', [programId]))[0]!.n;

beforeAll(async () => {
  t = await testApp();
  await registerBuiltinTemplates(t.database.db);
  const ctx = systemContext('test');
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's0-meizhou-pairing'"))[0]!.id;
  programId = await createProgram(t.database.db, ctx, SYSTEM_ACTOR, { templateId, issuerOrgId: t.tree.mx, scopeOrgId: t.tree.mx, year: 2026 });
  await assignHolder(t.database.db, ctx, SYSTEM_ACTOR, programId, { roleKey: 'demo_town', holder: { type: 'org', id: t.tree.bc } });
  await seedUser(t.database, 'bc_reporter', 'reporter', t.tree.bc);
  await seedUser(t.database, 'mx_manager', 'manager', t.tree.mx);
  await seedUser(t.database, 'bc_manager', 'manager', t.tree.bc);
  town = await loginAs(t.app, 'bc_reporter');
  county = await loginAs(t.app, 'mx_manager');
  townManager = await loginAs(t.app, 'bc_manager');
});

describe('idempotent submission', () => {
  it('a retried submission with the same Idempotency-Key returns the first record, never a second', async () => {
    const before = await count();
    const first = await withKey(town, 'phone-retry-0001', supervision('2026-01-10'));
    const retry = await withKey(town, 'phone-retry-0001', supervision('2026-01-10'));
    expect(first.statusCode).toBe(200);
    expect(retry.json().savedId).toBe(first.json().savedId);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('ten concurrent retries with one key create exactly one record', async () => {
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 10 }, () => withKey(town, 'phone-race-0002', supervision('2026-01-12'))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.json().savedId)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('a malformed key is a 400 naming the header', async () => {
    const res = await withKey(town, 'x', supervision('2026-01-12'));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('headers.idempotency-key');
  });
});

describe('draft → submitted → verified or returned', () => {
  it('S0.8 a draft may be half-filled and counts for nothing; submitting it checks the required fields', async () => {
    const draft = (await town.post(`/api/programs/${programId}/records`, supervision('2026-02-10', { status: 'draft', fields: {} }))).json();
    const id = draft.savedId;
    expect((await cell('2026-02')).state).toBe('missed');
    const v = () => draft.items.find((r: { id: number }) => r.id === id).version;
    const incomplete = await town.post(`/api/records/${id}/submit`, { version: v() });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields[0]).toEqual({ path: 'body.fields.visited_org', message: '请填写督导对象' });
    const fixed = (await town.patch(`/api/records/${id}`, { version: v(), fields: { visited_org: '东岭村团支部' } })).json();
    const version = fixed.items.find((r: { id: number }) => r.id === id).version;
    expect((await town.post(`/api/records/${id}/submit`, { version })).statusCode).toBe(200);
    expect(await cell('2026-02')).toMatchObject({ state: 'met', recordIds: [String(id)] });
  });

  it('S3.8 verification belongs to the level above: not the reporter, not the town\'s own manager', async () => {
    const { savedId: id, items } = (await town.post(`/api/programs/${programId}/records`, supervision('2026-03-10'))).json();
    const version = items.find((r: { id: number }) => r.id === id).version;
    expect((await town.post(`/api/records/${id}/review`, { decision: 'verify', version })).statusCode).toBe(403);
    const own = await townManager.post(`/api/records/${id}/review`, { decision: 'verify', version });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe('记录由上级组织核实，不能核实本组织的记录');
  });

  it('S3.8 a record whose kind needs evidence cannot be verified without it; with a photo it can', async () => {
    const { savedId: id, items } = (await town.post(`/api/programs/${programId}/records`, supervision('2026-04-10'))).json();
    let version = items.find((r: { id: number }) => r.id === id).version;
    const bare = await county.post(`/api/records/${id}/review`, { decision: 'verify', version });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toBe('“实地督导调研”须有佐证材料才能核实，请退回补充');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
    const boundary = 'wf-boundary';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), photo, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const up = await t.app.inject({ method: 'POST', url: `/api/records/${id}/evidence`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': town.csrfToken }, cookies: { tj_session: town.cookie } });
    expect(up.statusCode).toBe(200);
    const ok = await county.post(`/api/records/${id}/review`, { decision: 'verify', version });
    expect(ok.statusCode).toBe(200);
    version = ok.json().items.find((r: { id: number }) => r.id === id).version;
    expect(ok.json().items.find((r: { id: number }) => r.id === id).status).toBe('verified');
    expect((await county.post(`/api/records/${id}/review`, { decision: 'verify', version: version - 1 })).statusCode).toBe(409);
  });

  it('S0.8 a returned record needs a reason, stops counting, and can be corrected and resubmitted', async () => {
    const { savedId: id, items } = (await town.post(`/api/programs/${programId}/records`, supervision('2026-05-10'))).json();
    const version = items.find((r: { id: number }) => r.id === id).version;
    expect((await county.post(`/api/records/${id}/review`, { decision: 'return', version })).json().fields[0].path).toBe('body.reason');
    const returned = (await county.post(`/api/records/${id}/review`, { decision: 'return', reason: '缺少督导照片', version })).json();
    const row = returned.items.find((r: { id: number }) => r.id === id);
    expect(row).toMatchObject({ status: 'returned', reviewReason: '缺少督导照片' });
    expect(await cell('2026-05')).toMatchObject({ state: 'upcoming', done: 0 }); // the test clock stands at 2026-03-01
    expect((await town.post(`/api/records/${id}/submit`, { version: row.version })).statusCode).toBe(200);
    expect((await cell('2026-05')).state).toBe('met');
  });

  it('a change after verification makes a new version; the verified one is kept, superseded, and no longer counts', async () => {
    const month = '2026-04';
    const before = await cell(month);
    const verifiedId = Number(before.recordIds[0]);
    const list = (await town.get(`/api/programs/${programId}/records`)).json().items;
    const old = list.find((r: { id: number }) => r.id === verifiedId);
    const saved = (await town.patch(`/api/records/${verifiedId}`, { version: old.version, occurredOn: '2026-04-11' })).json();
    expect(saved.savedId).not.toBe(verifiedId);
    const items = saved.items as Array<{ id: number; status: string; supersedesId: number | null; occurredOn: string }>;
    expect(items.find((r) => r.id === verifiedId)).toMatchObject({ status: 'superseded', occurredOn: '2026-04-10' });
    expect(items.find((r) => r.id === saved.savedId)).toMatchObject({ status: 'submitted', supersedesId: verifiedId, occurredOn: '2026-04-11' });
    expect((await cell(month)).recordIds).toEqual([String(saved.savedId)]);
    const stale = await town.patch(`/api/records/${verifiedId}`, { version: old.version + 1, occurredOn: '2026-04-12' });
    expect(stale.json().message).toBe('该记录已有新版本，请修改最新版本');
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_log WHERE object_type = 'record' AND object_id = $1 ORDER BY id", [String(verifiedId)]);
    expect(audit.map((a) => a.action)).toEqual(['record.create', 'record.verify', 'record.supersede']);
  });
});
