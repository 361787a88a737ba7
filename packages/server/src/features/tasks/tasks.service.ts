/**
 * A program's task list (任务分工, S2.1): materialised from the template's numbered tasks with their
 * responsible department and person, tracked by status, progress and dated notes with evidence, and
 * chased by yellow and red cards (domain task-cards.ts) per department and person.
 */
import type { z } from 'zod';
import type { TaskDetail, TaskList, TaskProgressUpdate, TaskQuery, TaskView } from '@tuanjian/contracts';
import { countCards, resolveMonthDay, taskCard, type TaskCardResult } from '@tuanjian/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../http/errors';
import { evidence } from '../evidence/evidence.table';
import { orgLeaders } from '../orgs/orgs.table';
import { cadres, departments } from '../people/people.table';
import { loadProgram } from '../programs/programs.service';
import { records } from '../programs/programs.table';
import { users } from '../users/users.table';
import { programTasks, taskNotes, type TaskRow } from './tasks.table';

type LoadedProgram = Awaited<ReturnType<typeof loadProgram>>;
type Rule = { soonDays: number; lowProgress: number };

/**
 * Adds the template's tasks the program does not have yet; a task already there keeps its status.
 * Tasks without a deadline of their own fall due when the program ends.
 */
export async function materializeTasks(db: Db, ctx: AuditContext, program: LoadedProgram): Promise<number> {
  const tasks = program.template.tasks ?? [];
  if (tasks.length === 0) return 0;
  const have = (await db.select({ n: sql<number>`count(*)::int` }).from(programTasks).where(eq(programTasks.programId, program.p.id)))[0]?.n ?? 0;
  if (have >= tasks.length) return 0;
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(programTasks).values(tasks.map((t) => ({
      programId: program.p.id, number: t.number, ref: t.ref ?? null, project: t.project ?? null, text: t.text, department: t.department, person: t.person,
      dueOn: t.deadline ? resolveMonthDay(t.deadline, program.p.startsOn) : program.p.endsOn, dueFromTemplate: t.deadline !== undefined,
    }))).onConflictDoNothing().returning({ id: programTasks.id, number: programTasks.number });
    if (inserted.length) await audit(tx, ctx, { action: 'task.materialize', objectType: 'program', objectId: program.p.id, after: { numbers: inserted.map((i) => i.number) } });
    return inserted.length;
  });
}

/** The issuing committee's departments and cadres by name, and its leaders for red-card escalation. */
async function ownersOf(db: Db, program: LoadedProgram) {
  const orgId = program.p.issuerOrgId;
  const [deps, people, leaders] = await Promise.all([
    db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.orgId, orgId)),
    db.select({ id: cadres.id, name: cadres.name }).from(cadres).where(and(eq(cadres.orgId, orgId), eq(cadres.active, true))).orderBy(asc(cadres.id)),
    db.select({ name: orgLeaders.name }).from(orgLeaders).where(and(eq(orgLeaders.orgId, orgId), inArray(orgLeaders.position, ['secretary', 'deputy_secretary']))).orderBy(asc(orgLeaders.sort)),
  ]);
  return {
    department: new Map(deps.map((d) => [d.name, d.id])),
    cadre: new Map(people.reverse().map((c) => [c.name, c.id])),
    leaders: leaders.map((l) => l.name),
  };
}

function present(t: TaskRow, c: TaskCardResult, owners: Awaited<ReturnType<typeof ownersOf>>): z.infer<typeof TaskView> {
  return {
    id: t.id, number: t.number, ref: t.ref, project: t.project, text: t.text, department: t.department, person: t.person,
    departmentId: owners.department.get(t.department) ?? null, cadreId: owners.cadre.get(t.person) ?? null,
    dueOn: t.dueOn, dueFromTemplate: t.dueFromTemplate, status: t.status, progress: t.progress, version: t.version,
    card: c.card, daysLeft: c.daysLeft, overdue: c.overdue, dueSoon: c.dueSoon, reason: c.reason,
    escalation: c.escalateTo ? { to: c.escalateTo, names: c.escalateTo === 'responsible_person' ? [t.person] : owners.leaders } : null,
    updatedAt: t.updatedAt.toISOString(),
  };
}

const cardOf = (t: TaskRow, today: string, rule: Rule) => taskCard({ dueOn: t.dueOn, status: t.status, progress: t.progress, today }, rule);

export async function listTasks(db: Db, ctx: AuditContext, actor: Actor, programId: number, q: z.infer<typeof TaskQuery>, today: string): Promise<z.infer<typeof TaskList>> {
  const program = await loadProgram(db, actor, programId);
  await materializeTasks(db, ctx, program);
  const rows = await db.select().from(programTasks).where(eq(programTasks.programId, program.p.id)).orderBy(asc(programTasks.number));
  const owners = await ownersOf(db, program);
  const all = rows.map((t) => present(t, cardOf(t, today, q), owners));
  const items = all.filter((t) =>
    (q.department === undefined || t.department === q.department) && (q.person === undefined || t.person === q.person)
    && (q.view === 'all' || (q.view === 'overdue' && t.overdue) || (q.view === 'due_soon' && t.dueSoon && t.status !== 'done') || (q.view === 'carded' && t.card !== null)));
  const result = (t: z.infer<typeof TaskView>) => ({ card: t.card, done: t.status === 'done' });
  return {
    today, items,
    byDepartment: countCards(all, (t) => t.department, result),
    byPerson: countCards(all, (t) => t.person, result),
    abilities: { update: can(actor, 'task.update') && program.issuerPath.startsWith(actor.orgPath) },
  };
}

async function loadTask(db: Db, actor: Actor, taskId: number, forUpdate = false) {
  const q = db.select().from(programTasks).where(eq(programTasks.id, taskId));
  const task = (forUpdate ? await q.for('update') : await q)[0];
  if (!task) throw new NotFoundError('任务不存在或不在您的范围内');
  const program = await loadProgram(db, actor, task.programId).catch((e: unknown) => {
    throw e instanceof ForbiddenError ? e : new NotFoundError('任务不存在或不在您的范围内');
  });
  return { task, program };
}

export async function getTask(db: Db, actor: Actor, taskId: number, today: string, rule: Rule = { soonDays: 7, lowProgress: 80 }): Promise<z.infer<typeof TaskDetail>> {
  const { task, program } = await loadTask(db, actor, taskId);
  const owners = await ownersOf(db, program);
  const notes = await db.select({ n: taskNotes, by: users.displayName }).from(taskNotes).leftJoin(users, eq(users.id, taskNotes.createdBy))
    .where(eq(taskNotes.taskId, task.id)).orderBy(asc(taskNotes.id));
  return {
    ...present(task, cardOf(task, today, rule), owners),
    notes: notes.map(({ n, by }) => ({ id: n.id, status: n.status, progress: n.progress, note: n.note, evidenceIds: n.evidenceIds, createdByName: by, createdAt: n.createdAt.toISOString() })),
  };
}

/** A progress note moves the task's status and percentage; stale versions are refused, every change is audited. */
export async function updateTaskProgress(db: Db, ctx: AuditContext, actor: Actor, taskId: number, body: z.infer<typeof TaskProgressUpdate>) {
  await db.transaction(async (tx) => {
    const { task, program } = await loadTask(tx, actor, taskId, true);
    // Tasks belong to the issuing committee: only its own people (or those above it) report on them.
    authorize(actor, 'task.update', program.issuerPath);
    if (task.version !== body.version) throw new ConflictError(`任务 ${task.number} 已被他人更新，请刷新后重试`);
    const status = body.status ?? (body.progress === 100 ? 'done' : task.status === 'not_started' && (body.progress ?? 0) > 0 ? 'in_progress' : task.status);
    const progress = body.progress ?? (status === 'done' ? 100 : task.progress);
    if (status === 'done' && progress !== 100) throw new BadRequestError('已完成的任务进度应为 100%', [{ path: 'body.progress', message: '应为 100' }]);
    const evidenceIds = [...new Set(body.evidenceIds ?? [])];
    if (evidenceIds.length) {
      const found = await tx.select({ id: evidence.id }).from(evidence).innerJoin(records, eq(records.id, evidence.recordId))
        .where(and(inArray(evidence.id, evidenceIds), eq(records.programId, program.p.id)));
      if (found.length !== evidenceIds.length) throw new BadRequestError('佐证材料须是本专项工作记录中的材料', [{ path: 'body.evidenceIds', message: `${evidenceIds.length - found.length} 个材料不存在` }]);
    }
    const [after] = await tx.update(programTasks).set({ status, progress, version: task.version + 1, updatedAt: ctx.now() }).where(eq(programTasks.id, task.id)).returning();
    const [note] = await tx.insert(taskNotes).values({ taskId: task.id, status, progress, note: body.note, evidenceIds, createdBy: actor.userId }).returning();
    await audit(tx, ctx, { action: 'task.progress', objectType: 'task', objectId: task.id, before: task, after: { ...after, note } });
  });
}
