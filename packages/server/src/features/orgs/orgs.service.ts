import type { OrgCreate, OrgDetail, OrgUpdate } from '@tuanjian/contracts';
import { pathFor } from '@tuanjian/domain';
import { eq } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors';
import { childLevel, SINCE_ALWAYS, todayIn } from './orgs.rules';
import { presentMobile, presentOrg } from './orgs.present';
import { ancestorsOf, countChildren, findOrgByCode, findOrgInScope, leadersOf, nextOrgIds } from './orgs.queries';
import { orgEvents, orgLeaders, orgPaths, orgs, type OrgRow } from './orgs.table';
import { mobileColumns } from '../../crypto/sealed-column';

export async function getOrgDetail(db: Db, actor: Actor, id: number): Promise<OrgDetail> {
  const row = await findOrgInScope(db, actor, id);
  if (!row) throw new NotFoundError();
  authorize(actor, 'org.read', row.path);
  const [leaders, ancestors, childCount] = await Promise.all([
    leadersOf(db, id),
    ancestorsOf(db, row.path, actor.orgPath),
    countChildren(db, id),
  ]);
  const mayViewMobile = can(actor, 'mobile.view');
  const active = row.status !== 'dissolved';
  return {
    ...presentOrg(row, childCount > 0),
    leaders: leaders.map((l) => ({ position: l.position as never, name: l.name, mobile: presentMobile(l.mobile, mayViewMobile) })),
    ancestors,
    childCount,
    abilities: {
      update: can(actor, 'org.update') && active,
      // a user cannot move or dissolve the root of their own scope
      restructure: can(actor, 'org.restructure') && active && row.path !== actor.orgPath,
      createChild: can(actor, 'org.create') && active,
    },
  };
}

type LeaderInput = NonNullable<OrgCreate['leaders']>;

async function snapshot(db: Db, row: OrgRow) {
  const leaders = await leadersOf(db, row.id);
  return { ...row, leaders: leaders.map(({ position, name, mobile }) => ({ position, name, mobile })) };
}

async function replaceLeaders(tx: Db, orgId: number, leaders: LeaderInput) {
  await tx.delete(orgLeaders).where(eq(orgLeaders.orgId, orgId));
  if (leaders.length > 0) {
    await tx.insert(orgLeaders).values(leaders.map((l, i) => ({ orgId, position: l.position, name: l.name, ...mobileColumns(l.mobile), sort: i })));
  }
}

export async function createOrg(db: Db, ctx: AuditContext, actor: Actor, input: OrgCreate): Promise<number> {
  return db.transaction(async (tx) => {
    const parent = await findOrgInScope(tx, actor, input.parentId, true);
    if (!parent) throw new NotFoundError('上级组织不存在或不在您的管理范围内');
    authorize(actor, 'org.create', parent.path);
    if (parent.status === 'dissolved') throw new BadRequestError('上级组织已撤销，不能新建下级组织', [{ path: 'body.parentId', message: '上级组织已撤销' }]);
    if (await findOrgByCode(tx, input.code)) throw new BadRequestError(`编码 ${input.code} 已被使用`, [{ path: 'body.code', message: '编码已存在' }]);
    const [id] = await nextOrgIds(tx, 1);
    if (id === undefined) throw new Error('id sequence returned nothing');
    const status = input.status ?? 'founded';
    const path = pathFor(parent.path, id);
    const values = {
      id, parentId: parent.id, path, depth: parent.depth + 1,
      code: input.code, name: input.name, kind: input.kind, sector: input.sector ?? null,
      level: input.level ?? childLevel(parent.level as never, input.kind),
      status, divisionCode: input.divisionCode ?? parent.divisionCode,
      foundedOn: status === 'founded' ? (input.foundedOn ?? todayIn(ctx.now())) : (input.foundedOn ?? null),
      honors: input.honors ?? [], memberCount: input.memberCount ?? null,
      termElectedOn: input.termElectedOn ?? null, termDueOn: input.termDueOn ?? null,
    };
    const [row] = await tx.insert(orgs).values(values).returning();
    await tx.insert(orgPaths).values({ orgId: id, parentId: parent.id, path, validFrom: values.foundedOn ?? todayIn(ctx.now()) });
    await tx.insert(orgEvents).values({ orgId: id, kind: status === 'founded' ? 'founded' : 'created', effectiveOn: values.foundedOn ?? todayIn(ctx.now()), details: { parentId: parent.id }, actorId: actor.userId });
    if (input.leaders) await replaceLeaders(tx, id, input.leaders);
    await audit(tx, ctx, { action: 'org.create', objectType: 'org', objectId: id, after: { ...row, leaders: input.leaders ?? [] } });
    return id;
  });
}

export async function updateOrg(db: Db, ctx: AuditContext, actor: Actor, id: number, input: OrgUpdate): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findOrgInScope(tx, actor, id, true);
    if (!row) throw new NotFoundError();
    authorize(actor, 'org.update', row.path);
    if (row.version !== input.version) throw new ConflictError(`组织“${row.name}”已被他人修改，请刷新后再保存`);
    if (row.status === 'dissolved') throw new BadRequestError('已撤销的组织不能编辑');
    if (input.code && input.code !== row.code && (await findOrgByCode(tx, input.code))) {
      throw new BadRequestError(`编码 ${input.code} 已被使用`, [{ path: 'body.code', message: '编码已存在' }]);
    }
    const before = await snapshot(tx, row);
    const { version: _v, leaders, ...fields } = input;
    await tx.update(orgs).set({ ...fields, version: row.version + 1, updatedAt: ctx.now() }).where(eq(orgs.id, id));
    if (leaders) await replaceLeaders(tx, id, leaders);
    const after = await snapshot(tx, (await tx.select().from(orgs).where(eq(orgs.id, id)))[0]!);
    await audit(tx, ctx, { action: 'org.update', objectType: 'org', objectId: id, before, after });
  });
}
