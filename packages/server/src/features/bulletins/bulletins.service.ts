/**
 * Bulletins per program, target, scope and period, numbered 第N期 per program, scope and kind and
 * dated by the issuing committee. Generating one for a period again refreshes it and keeps its number.
 */
import type { z } from 'zod';
import type { Bulletin, BulletinCreate, BulletinList } from '@tuanjian/contracts';
import { bulletinPeriod } from '@tuanjian/domain';
import { and, desc, eq, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from '../programs/programs.service';
import { countedKind, isSplittable, targetOf } from '../targets/targets.template';
import { bulletinContent } from './bulletins.content';
import { bulletins, type BulletinRow } from './bulletins.table';

type Content = z.infer<typeof Bulletin>['content'];

function present(row: BulletinRow): z.infer<typeof Bulletin> {
  return {
    id: row.id, programId: row.programId, target: row.targetKey, scopeOrgId: row.scopeOrgId, kind: row.kind, number: row.number,
    periodKey: row.periodKey, periodStart: row.periodStart, periodEnd: row.periodEnd, issuedOn: row.issuedOn, issuerName: row.issuerName,
    content: row.content as Content, createdAt: row.createdAt.toISOString(),
  };
}

export async function generateBulletin(db: Db, ctx: AuditContext, actor: Actor, programId: number, body: z.infer<typeof BulletinCreate>, today: string) {
  return db.transaction(async (tx) => {
    const program = await loadProgram(tx, actor, programId);
    const scope = await findOrgInScope(tx, actor, body.orgId ?? program.p.scopeOrgId);
    if (!scope) throw new NotFoundError('组织不存在或不在您的管理范围内');
    authorize(actor, 'target.manage', scope.path);
    const target = targetOf(program, body.target, 'body.target');
    if (!isSplittable(target) || !countedKind(target)) throw new BadRequestError(`“${target.name}”的进度无法从组织库统计，不能生成通报`, [{ path: 'body.target', message: '无法统计进度' }]);
    if (!scope.path.startsWith(program.scopePath)) throw new BadRequestError('该组织不在本专项工作的实施范围内', [{ path: 'body.orgId', message: '不在实施范围内' }]);
    const period = bulletinPeriod(body.kind, body.date);
    if (period.start > today) throw new BadRequestError('通报期尚未开始', [{ path: 'body.date', message: '晚于今天' }]);
    // A period still running is reported as it stands today.
    const asOf = period.end > today ? today : period.end;
    if (asOf < program.p.startsOn) throw new BadRequestError(`专项工作自 ${program.p.startsOn} 开始，此前没有进度可以通报`, [{ path: 'body.date', message: '早于开始日期' }]);
    const content = await bulletinContent(tx, program, target, scope, period, asOf);
    const issuer = (await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, program.p.issuerOrgId)))[0]!.name;

    const existing = (await tx.select().from(bulletins).where(and(eq(bulletins.programId, program.p.id), eq(bulletins.targetKey, target.id),
      eq(bulletins.scopeOrgId, scope.id), eq(bulletins.kind, body.kind), eq(bulletins.periodKey, period.key))).for('update'))[0];
    let row: BulletinRow;
    if (existing) {
      [row] = await tx.update(bulletins).set({ content, issuedOn: asOf, issuerName: issuer, version: existing.version + 1 }).where(eq(bulletins.id, existing.id)).returning() as [BulletinRow];
    } else {
      const next = (await tx.select({ n: sql<number>`coalesce(max(${bulletins.number}), 0)::int + 1` }).from(bulletins)
        .where(and(eq(bulletins.programId, program.p.id), eq(bulletins.scopeOrgId, scope.id), eq(bulletins.kind, body.kind))))[0]!.n;
      [row] = await tx.insert(bulletins).values({
        programId: program.p.id, targetKey: target.id, scopeOrgId: scope.id, kind: body.kind, number: next, periodKey: period.key,
        periodStart: period.start, periodEnd: period.end, issuedOn: asOf, issuerName: issuer, content, createdBy: actor.userId,
      }).returning() as [BulletinRow];
    }
    await audit(tx, ctx, { action: 'bulletin.generate', objectType: 'bulletin', objectId: row.id, before: existing ?? null, after: row });
    return present(row);
  });
}

/** A bulletin reaches those inside its scope (it is addressed to them) and those above it. */
const reaches = (actor: Actor, scopePath: string) => scopePath.startsWith(actor.orgPath) || actor.orgPath.startsWith(scopePath);
const reachesSql = (actor: Actor) => sql`(${orgs.path} >= ${actor.orgPath} AND ${orgs.path} < ${actor.orgPath.slice(0, -1) + '0'} OR left(${actor.orgPath}, length(${orgs.path})) = ${orgs.path})`;

/** Bulletins of a program that reach the reader, newest first. */
export async function listBulletins(db: Db, actor: Actor, programId: number): Promise<z.infer<typeof BulletinList>> {
  const program = await loadProgram(db, actor, programId);
  const rows = await db.select({ b: bulletins }).from(bulletins).innerJoin(orgs, eq(orgs.id, bulletins.scopeOrgId))
    .where(and(eq(bulletins.programId, program.p.id), reachesSql(actor)))
    .orderBy(desc(bulletins.periodEnd), desc(bulletins.id));
  return {
    items: rows.map(({ b }) => {
      const { content, ...rest } = present(b);
      return { ...rest, title: content.title, rate: content.totals.rate };
    }),
  };
}

export async function getBulletin(db: Db, actor: Actor, id: number) {
  const row = (await db.select({ b: bulletins, path: orgs.path }).from(bulletins).innerJoin(orgs, eq(orgs.id, bulletins.scopeOrgId)).where(eq(bulletins.id, id)))[0];
  if (!row || !reaches(actor, row.path)) throw new NotFoundError('通报不存在或不在您的范围内');
  await loadProgram(db, actor, row.b.programId);
  return present(row.b);
}
