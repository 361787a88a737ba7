import { asc, sql } from 'drizzle-orm';
import { can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { buildSheet } from '../../files/xlsx';
import { presentMobile } from './orgs.present';
import { orgSearchWhere, type OrgSearch } from './orgs.queries';
import { orgs } from './orgs.table';
import { ORG_LABELS } from './orgs.labels';
import { dataCrypto } from '../../crypto/data-crypto';

const MAX_ROWS = 200_000;

export async function exportOrgsXlsx(db: Db, actor: Actor, search: OrgSearch): Promise<Buffer> {
  const parent = sql`(SELECT p.code FROM orgs p WHERE p.id = "orgs"."parent_id")`;
  const secretary = sql<string | null>`(SELECT l.name FROM org_leaders l WHERE l.org_id = "orgs"."id" AND l.position IN ('secretary','acting_secretary') ORDER BY l.sort LIMIT 1)`;
  const secretaryMobile = sql<string | null>`(SELECT l.mobile FROM org_leaders l WHERE l.org_id = "orgs"."id" AND l.position IN ('secretary','acting_secretary') ORDER BY l.sort LIMIT 1)`;
  const rows = await db.select({ o: orgs, parentCode: parent, secretary, secretaryMobile }).from(orgs)
    .where(orgSearchWhere(actor, search)).orderBy(asc(orgs.path)).limit(MAX_ROWS);
  const mayView = can(actor, 'mobile.view');
  return buildSheet('组织', [
    { header: '编码', value: (r) => r.o.code },
    { header: '名称', width: 32, value: (r) => r.o.name },
    { header: '上级编码', value: (r) => r.parentCode },
    { header: '类型', value: (r) => ORG_LABELS.kind[r.o.kind] ?? r.o.kind },
    { header: '领域', value: (r) => (r.o.sector ? ORG_LABELS.sector[r.o.sector] ?? r.o.sector : null) },
    { header: '层级', value: (r) => ORG_LABELS.level[r.o.level] ?? r.o.level },
    { header: '状态', value: (r) => ORG_LABELS.status[r.o.status] ?? r.o.status },
    { header: '行政区划代码', value: (r) => r.o.divisionCode },
    { header: '成立日期', value: (r) => r.o.foundedOn },
    { header: '撤销日期', value: (r) => r.o.dissolvedOn },
    { header: '团员数', value: (r) => r.o.memberCount },
    { header: '书记姓名', value: (r) => r.secretary },
    { header: '书记手机', value: (r) => presentMobile(r.secretaryMobile && dataCrypto().open(r.secretaryMobile), mayView) }, // raw subquery: still sealed
  ], rows);
}
