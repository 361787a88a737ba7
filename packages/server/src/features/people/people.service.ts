import type { z } from 'zod';
import type { CadreCreate, CadreUpdate } from '@tuanjian/contracts';
import { and, asc, eq } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { presentMobile } from '../orgs/orgs.present';
import { cadres, departments } from './people.table';
import { mobileColumns } from '../../crypto/sealed-column';

async function orgFor(db: Db, actor: Actor, orgId: number, action: 'org.read' | 'org.update') {
  const org = await findOrgInScope(db, actor, orgId);
  if (!org) throw new NotFoundError();
  authorize(actor, action, org.path);
  return org;
}

export async function peopleOf(db: Db, actor: Actor, orgId: number) {
  await orgFor(db, actor, orgId, 'org.read');
  const deps = await db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.id));
  const rows = await db.select().from(cadres).where(eq(cadres.orgId, orgId)).orderBy(asc(cadres.id));
  const names = new Map(deps.map((d) => [d.id, d.name]));
  const mayView = can(actor, 'mobile.view');
  return {
    departments: deps.map(({ id, orgId: o, name, version }) => ({ id, orgId: o, name, version })),
    cadres: rows.map((c) => ({
      id: c.id, orgId: c.orgId, departmentId: c.departmentId, departmentName: c.departmentId ? names.get(c.departmentId) ?? null : null,
      name: c.name, position: c.position, mobile: presentMobile(c.mobile, mayView), active: c.active, version: c.version,
    })),
  };
}

export async function createDepartment(db: Db, ctx: AuditContext, actor: Actor, orgId: number, name: string): Promise<number> {
  return db.transaction(async (tx) => {
    await orgFor(tx, actor, orgId, 'org.update');
    const dup = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, orgId), eq(departments.name, name)));
    if (dup.length) throw new BadRequestError(`部室“${name}”已存在`, [{ path: 'body.name', message: '名称已存在' }]);
    const [row] = await tx.insert(departments).values({ orgId, name }).returning();
    await audit(tx, ctx, { action: 'department.create', objectType: 'department', objectId: row!.id, after: row });
    return row!.id;
  });
}

export async function renameDepartment(db: Db, ctx: AuditContext, actor: Actor, orgId: number, id: number, name: string, version: number) {
  await db.transaction(async (tx) => {
    await orgFor(tx, actor, orgId, 'org.update');
    const row = (await tx.select().from(departments).where(and(eq(departments.id, id), eq(departments.orgId, orgId))))[0];
    if (!row) throw new NotFoundError();
    if (row.version !== version) throw new ConflictError();
    const [after] = await tx.update(departments).set({ name, version: version + 1 }).where(eq(departments.id, id)).returning();
    await audit(tx, ctx, { action: 'department.update', objectType: 'department', objectId: id, before: row, after });
  });
}

async function checkDepartment(tx: Db, orgId: number, departmentId: number | null | undefined) {
  if (departmentId == null) return;
  const d = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, departmentId), eq(departments.orgId, orgId)));
  if (!d.length) throw new BadRequestError('部室不属于该组织', [{ path: 'body.departmentId', message: '部室不存在' }]);
}

export async function createCadre(db: Db, ctx: AuditContext, actor: Actor, orgId: number, input: z.infer<typeof CadreCreate>): Promise<number> {
  return db.transaction(async (tx) => {
    await orgFor(tx, actor, orgId, 'org.update');
    await checkDepartment(tx, orgId, input.departmentId);
    const [row] = await tx.insert(cadres).values({ orgId, name: input.name, position: input.position ?? null, departmentId: input.departmentId ?? null, ...mobileColumns(input.mobile) }).returning();
    await audit(tx, ctx, { action: 'cadre.create', objectType: 'cadre', objectId: row!.id, after: row });
    return row!.id;
  });
}

export async function updateCadre(db: Db, ctx: AuditContext, actor: Actor, orgId: number, id: number, input: z.infer<typeof CadreUpdate>) {
  await db.transaction(async (tx) => {
    await orgFor(tx, actor, orgId, 'org.update');
    const row = (await tx.select().from(cadres).where(and(eq(cadres.id, id), eq(cadres.orgId, orgId))))[0];
    if (!row) throw new NotFoundError();
    if (row.version !== input.version) throw new ConflictError(`干部“${row.name}”的信息已被他人修改，请刷新后重试`);
    await checkDepartment(tx, orgId, input.departmentId);
    const { version, ...fields } = input;
    const [after] = await tx.update(cadres).set({ ...fields, ...(fields.mobile !== undefined ? mobileColumns(fields.mobile) : {}), version: version + 1 }).where(eq(cadres.id, id)).returning();
    await audit(tx, ctx, { action: 'cadre.update', objectType: 'cadre', objectId: id, before: row, after });
  });
}
