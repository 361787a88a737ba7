import { beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../src/features/orgs/orgs.service';
import { createCadre, createDepartment } from '../src/features/people/people.service';
import { createProgram } from '../src/features/programs/programs.service';
import { registerBuiltinTemplates } from '../src/features/templates/builtin';
import { SYSTEM_ACTOR, systemContext } from '../src/system-actor';
import { loginAs, seedUser, testApp, testClock, type Client } from './helpers';

/**
 * S2 漯河 活力团建: the template's 15 numbered tasks with their responsible departments and people,
 * chased by yellow cards (deadline near, progress low) and red cards (overdue). The clock starts on
 * 25 November 2026, five days before task 1 (学校部, 封亚村) is due on 30 November.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let manager: Client;
let reporter: Client;
let viewer: Client;
let programId: number;
const ctx = systemContext('test');
const DAY = 86_400_000;
type Task = { id: number; number: number; department: string; person: string; dueOn: string; dueFromTemplate: boolean; card: string | null; version: number; escalation: { to: string; names: string[] } | null; reason: string | null; departmentId: number | null; cadreId: number | null; status: string; progress: number };

beforeAll(async () => {
  t = await testApp({ clock: testClock(new Date('2026-11-25T02:00:00Z')) });
  const db = t.database.db;
  await registerBuiltinTemplates(db);
  const henan = await createOrg(db, ctx, SYSTEM_ACTOR, { parentId: 1, code: '41', name: '共青团河南省委员会', kind: 'committee', foundedOn: '2000-01-01' });
  const luohe = await createOrg(db, ctx, SYSTEM_ACTOR, {
    parentId: henan, code: '4111', name: '共青团漯河市委员会', kind: 'committee', foundedOn: '2000-01-01',
    leaders: [{ position: 'secretary', name: '王书记' }, { position: 'deputy_secretary', name: '李副书记' }],
  });
  const school = await createDepartment(db, ctx, SYSTEM_ACTOR, luohe, '学校部');
  await createCadre(db, ctx, SYSTEM_ACTOR, luohe, { name: '封亚村', position: '学校部部长', departmentId: school });
  const templateId = (await t.database.query<{ id: number }>("SELECT id FROM program_templates WHERE key = 's2-luohe-vital'"))[0]!.id;
  programId = await createProgram(db, ctx, SYSTEM_ACTOR, { templateId, issuerOrgId: luohe, scopeOrgId: luohe, year: 2026 });
  await seedUser(t.database, 'lh_manager', 'manager', luohe);
  await seedUser(t.database, 'lh_reporter', 'reporter', luohe);
  await seedUser(t.database, 'lh_viewer', 'viewer', luohe);
  manager = await loginAs(t.app, 'lh_manager');
  reporter = await loginAs(t.app, 'lh_reporter');
  viewer = await loginAs(t.app, 'lh_viewer');
});

const tasks = async (c: Client, query = '') => {
  const res = await c.get(`/api/programs/${programId}/tasks${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { today: string; items: Task[]; byDepartment: { key: string; total: number; red: number; yellow: number }[]; byPerson: { key: string }[]; abilities: { update: boolean } };
};

describe('S2.1 the Luohe plan\'s 15 tasks with their owners and cards', () => {
  it('S2.1 the 15 numbered tasks come from the template with department, person and deadline', async () => {
    const list = await tasks(viewer);
    expect(list.today).toBe('2026-11-25');
    expect(list.items.map((x) => x.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(list.items[0]).toMatchObject({ department: '学校部', person: '封亚村', dueOn: '2026-11-30', dueFromTemplate: true });
    expect(list.items[2]).toMatchObject({ department: '青发部', person: '赵博' });
    expect(list.items[3]).toMatchObject({ department: '统战部', person: '刘承韶' });
    expect(list.items[5]).toMatchObject({ department: '社联部', person: '窦戈苒' });
    expect(list.items[10]).toMatchObject({ department: '各部室', person: '部室负责人' });
    // without a deadline of its own, a task falls due when the program ends
    expect(list.items[1]).toMatchObject({ department: '组织部', person: '辛光辉', dueOn: '2026-12-31', dueFromTemplate: false });
    // names that are in the registry are linked to the committee's department and cadre
    expect(list.items[0]!.departmentId).not.toBeNull();
    expect(list.items[0]!.cadreId).not.toBeNull();
    expect(list.items[1]!.departmentId).toBeNull();
    expect(Object.fromEntries(list.byDepartment.map((d) => [d.key, d.total]))).toEqual({ 学校部: 2, 组织部: 8, 青发部: 1, 统战部: 1, 社联部: 1, 各部室: 2 });
    expect(list.abilities.update).toBe(false); // a viewer
    // materialised once: listing again adds nothing
    await tasks(manager);
    expect(await t.database.query('SELECT 1 FROM program_tasks WHERE program_id = $1', [programId])).toHaveLength(15);
    expect(await t.database.query("SELECT 1 FROM audit_log WHERE action = 'task.materialize'")).toHaveLength(1);
  });

  it('S2.1 yellow card: task 1 is due in five days at 0%, sent to its responsible person', async () => {
    const list = await tasks(viewer, '?view=carded');
    expect(list.items.map((x) => x.number)).toEqual([1]);
    expect(list.items[0]).toMatchObject({ card: 'yellow', reason: '距截止还有 5 天，进度 0%', escalation: { to: 'responsible_person', names: ['封亚村'] } });
    expect(list.byDepartment[0]).toMatchObject({ key: '学校部', yellow: 1, red: 0 });
    expect((await tasks(viewer, '?view=due_soon')).items.map((x) => x.number)).toEqual([1]);
    expect((await tasks(viewer, '?view=due_soon&soonDays=40')).items).toHaveLength(15);
    expect((await tasks(viewer, `?department=${encodeURIComponent('学校部')}`)).items.map((x) => x.number)).toEqual([1, 10]);
    expect((await tasks(viewer, `?person=${encodeURIComponent('辛光辉')}`)).items).toHaveLength(8);
  });

  it('S2.1 a progress note moves the task on, with a version check and an audit row', async () => {
    const task = (await tasks(reporter)).items[0]!;
    const ok = await reporter.post(`/api/tasks/${task.id}/progress`, { version: task.version, progress: 85, note: '8所高校、12所中职中学已完成换届' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_progress', progress: 85, version: 1, card: null, notes: [{ progress: 85, note: '8所高校、12所中职中学已完成换届', createdByName: 'lh_reporter' }] });
    const stale = await reporter.post(`/api/tasks/${task.id}/progress`, { version: 0, progress: 90, note: '重复提交' });
    expect(stale.statusCode).toBe(409);
    expect((await viewer.post(`/api/tasks/${task.id}/progress`, { version: 1, progress: 90, note: '无权' })).statusCode).toBe(403);
    const empty = await reporter.post(`/api/tasks/${task.id}/progress`, { version: 1, note: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0]).toMatchObject({ path: 'body.note', message: '请填写进展情况' });
    const badEvidence = await reporter.post(`/api/tasks/${task.id}/progress`, { version: 1, note: '附材料', evidenceIds: [999999] });
    expect(badEvidence.statusCode).toBe(400);
    expect(badEvidence.json().fields[0].path).toBe('body.evidenceIds');
    const audit = await t.database.query<{ before: { progress: number }; after: { progress: number } }>("SELECT before, after FROM audit_log WHERE action = 'task.progress'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { progress: 0 }, after: { progress: 85 } });
  });

  it('S2.1 red card once overdue, escalated to the responsible leaders; done clears it', async () => {
    t.clock.advance(6 * DAY); // 1 December
    viewer = await loginAs(t.app, 'lh_viewer'); // sessions expire with the days
    manager = await loginAs(t.app, 'lh_manager');
    const list = await tasks(viewer, '?view=overdue');
    expect(list.today).toBe('2026-12-01');
    expect(list.items.map((x) => x.number)).toEqual([1]);
    expect(list.items[0]).toMatchObject({ card: 'red', reason: '已逾期 1 天，进度 85%', escalation: { to: 'responsible_leader', names: ['王书记', '李副书记'] } });
    const task = list.items[0]!;
    const done = await manager.post(`/api/tasks/${task.id}/progress`, { version: task.version, status: 'done', note: '全部完成换届' });
    expect(done.json()).toMatchObject({ status: 'done', progress: 100, card: null });
    expect((await tasks(viewer, '?view=overdue')).items).toEqual([]);
    // at the year's end every open task is overdue
    t.clock.advance(31 * DAY); // 1 January 2027
    viewer = await loginAs(t.app, 'lh_viewer');
    const year = await tasks(viewer);
    expect(year.items.filter((x) => x.card === 'red').map((x) => x.number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(year.byDepartment[0]).toMatchObject({ key: '组织部', red: 8 });
    const detail = (await viewer.get(`/api/tasks/${task.id}`)).json();
    expect(detail.notes.map((n: { status: string }) => n.status)).toEqual(['in_progress', 'done']);
  });
});
