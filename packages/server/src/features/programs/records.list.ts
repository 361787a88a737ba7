import type { z } from 'zod';
import type { RecordListQuery } from '@tuanjian/contracts';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inScope, inScopeSql, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { inSubtreeSql } from '../../db/subtree';
import { NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.table';
import { loadProgram } from './programs.service';
import { records } from './programs.table';

type Query = Partial<z.infer<typeof RecordListQuery>>;
type Loaded = Awaited<ReturnType<typeof loadProgram>>;

/**
 * A page of the program's records that the reader may see: all of them for the issuing committee and
 * those above it, the reader's subtree otherwise. The scope is part of the query, so a county reads
 * one page of its own records however many the nation has filed.
 */
export async function listRecords(db: Db, actor: Actor, programId: number, query: Query = {}) {
  const program = await loadProgram(db, actor, programId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const where: SQL[] = [eq(records.programId, programId)];
  if (!inScope(actor, program.issuerPath)) where.push(inScopeSql(actor, records.orgPath));
  if (query.orgId !== undefined) {
    const org = await findOrgInScope(db, actor, query.orgId);
    if (!org) throw new NotFoundError('组织不存在或不在您的管理范围内');
    where.push(inSubtreeSql(records.orgPath, org.path));
  }
  if (query.ids !== undefined) where.push(inArray(records.id, query.ids.split(',').map(Number)));
  if (query.kind !== undefined) where.push(eq(records.kind, query.kind));
  if (query.status !== undefined) where.push(eq(records.status, query.status));
  const [rows, counted] = await Promise.all([
    db.select({ r: records, orgName: orgs.name }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId))
      .where(and(...where)).orderBy(desc(records.occurredOn), desc(records.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(records).where(and(...where)),
  ]);
  return { items: rows.map((x) => present(program, x)), total: Number(counted[0]!.n), page, pageSize };
}

/** What a write answers: the record it saved and the version that one supersedes, as the reader sees them. */
export async function changedRecords(db: Db, actor: Actor, programId: number, savedId: number) {
  const program = await loadProgram(db, actor, programId);
  const rows = await db.select({ r: records, orgName: orgs.name }).from(records).innerJoin(orgs, eq(orgs.id, records.orgId))
    .where(and(eq(records.programId, programId), sql`(${records.id} = ${savedId} OR ${records.id} = (SELECT supersedes_id FROM records WHERE id = ${savedId}))`))
    .orderBy(desc(records.id));
  return { items: rows.map((x) => present(program, x)), savedId };
}

function present(program: Loaded, { r, orgName }: { r: typeof records.$inferSelect; orgName: string }) {
  return {
    id: r.id, kind: r.kind, kindName: program.template.recordKinds.find((k) => k.id === r.kind)?.name ?? r.kind, orgId: r.orgId, orgName,
    occurredOn: r.occurredOn, days: r.days, peopleReached: r.peopleReached, amount: r.amount, partnerOrgIds: r.partnerOrgIds,
    departmentId: r.departmentId, cadreIds: r.cadreIds, deliverableKey: r.deliverableKey, status: r.status,
    version: r.version, supersedesId: r.supersedesId, reviewReason: r.reviewReason,
    fields: r.fields as Record<string, string | number | boolean | null>,
  };
}
