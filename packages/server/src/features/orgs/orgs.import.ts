import { IMPORT_FIELDS, type ImportResult } from '@tuanjian/contracts';
import { isCivilDate, pathFor } from '@tuanjian/domain';
import { auditRaw, type AuditContext } from '../../audit/audit';
import { authorize, inScope, type Actor } from '../../auth/policy';
import type { Database, Queryable } from '../../db/client';
import type { Table } from '../../files/tabular';
import { bulkInsertOrgs, reserveOrgIds, type NewOrg } from './orgs.bulk';
import { parseLabel } from './orgs.labels';
import { childLevel } from './orgs.rules';
import { dataCrypto } from '../../crypto/data-crypto';

type Field = (typeof IMPORT_FIELDS)[number];
export type Mapping = Partial<Record<Field, string>>;

export const DEFAULT_MAPPING: Record<Field, string> = {
  code: '编码', name: '名称', parentCode: '上级编码', kind: '类型', sector: '领域', level: '层级', status: '状态',
  divisionCode: '行政区划代码', foundedOn: '成立日期', memberCount: '团员数', secretaryName: '书记姓名', secretaryMobile: '书记手机',
};

interface Row {
  line: number;
  code: string;
  name: string;
  parentCode: string;
  kind: string;
  sector: string | null;
  level: string | null;
  status: string;
  divisionCode: string | null;
  foundedOn: string | null;
  memberCount: number | null;
  secretaryName: string | null;
  secretaryMobile: string | null;
}

type Err = ImportResult['errors'][number];

/** Turns sheet rows into typed rows, collecting every problem with its sheet row number instead of stopping at the first. */
export function parseRows(table: Table, mapping: Mapping): { rows: Row[]; errors: Err[] } {
  const m = { ...DEFAULT_MAPPING, ...mapping };
  const errors: Err[] = [];
  const col = (f: Field) => table.headers.indexOf(m[f]);
  for (const f of ['code', 'name', 'parentCode', 'kind'] as const) {
    if (col(f) < 0) errors.push({ row: 1, field: f, message: `缺少必需的列“${m[f]}”` });
  }
  if (errors.length) return { rows: [], errors };
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const line = i + 2;
    const get = (f: Field) => (col(f) >= 0 ? (cells[col(f)] ?? '').trim() : '');
    if (cells.every((c) => !c)) return;
    const bad = (field: Field, message: string) => errors.push({ row: line, field, message });
    const code = get('code');
    if (!/^[0-9A-Za-z_-]{1,40}$/.test(code)) bad('code', '编码应为 1–40 位字母、数字、下划线或连字符');
    else if (seen.has(code)) bad('code', `编码 ${code} 与第 ${seen.get(code)} 行重复`);
    else seen.set(code, line);
    const name = get('name');
    if (!name || name.length > 100) bad('name', '名称不能为空且不超过 100 字');
    const parentCode = get('parentCode');
    if (!parentCode) bad('parentCode', '上级编码不能为空');
    const kind = parseLabel('kind', get('kind'));
    if (!kind) bad('kind', `类型“${get('kind')}”无效`);
    const sector = get('sector') ? parseLabel('sector', get('sector')) : null;
    if (get('sector') && !sector) bad('sector', `领域“${get('sector')}”无效`);
    const level = get('level') ? parseLabel('level', get('level')) : null;
    if (get('level') && !level) bad('level', `层级“${get('level')}”无效`);
    const status = get('status') ? parseLabel('status', get('status')) : 'founded';
    if (!status || status === 'dissolved') bad('status', '状态应为“筹建中”或“已成立”（撤销请在系统中操作）');
    const divisionCode = get('divisionCode') || null;
    if (divisionCode && !/^\d{2,12}$/.test(divisionCode)) bad('divisionCode', '行政区划代码应为 2–12 位数字');
    const foundedOn = get('foundedOn') || null;
    if (foundedOn && !isCivilDate(foundedOn)) bad('foundedOn', '成立日期格式应为 YYYY-MM-DD');
    const mc = get('memberCount');
    const memberCount = mc ? Number(mc) : null;
    if (mc && !(Number.isInteger(memberCount) && memberCount! >= 0)) bad('memberCount', '团员数应为非负整数');
    const secretaryMobile = get('secretaryMobile') || null;
    if (secretaryMobile && !/^1\d{10}$/.test(secretaryMobile)) bad('secretaryMobile', '书记手机应为 11 位手机号');
    rows.push({ line, code, name, parentCode, kind: kind ?? '', sector, level, status: status ?? 'founded', divisionCode, foundedOn, memberCount,
      secretaryName: get('secretaryName') || null, secretaryMobile });
  });
  return { rows, errors };
}

interface Existing { id: number; code: string; path: string; depth: number; level: string; parent_code: string | null; status: string }

/**
 * All-or-nothing: every row is checked first; with any error nothing is written and the report lists
 * them all. Codes already present are updated in place, so importing the same file twice changes nothing.
 */
export async function importOrgs(database: Database, ctx: AuditContext, actor: Actor, table: Table, mapping: Mapping, dryRun: boolean,
  progress: (fraction: number, message: string) => void = () => {}): Promise<ImportResult> {
  authorize(actor, 'org.import');
  const { rows, errors } = parseRows(table, mapping);
  progress(0.1, '校验数据');
  if (rows.length === 0) return { created: 0, updated: 0, errors, applied: false };
  return database.transaction(async (q) => {
    const codes = [...new Set(rows.flatMap((r) => [r.code, r.parentCode]))];
    const found = await q.query<Existing>(
      `SELECT o.id, o.code, o.path, o.depth, o.level, o.status, p.code AS parent_code FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id WHERE o.code = ANY($1::text[])`, [codes]);
    const existing = new Map(found.map((e) => [e.code, e]));
    const inFile = new Map(rows.map((r) => [r.code, r]));
    const errs: Err[] = [...errors];
    const badLines = new Set(errors.map((e) => e.row));
    for (const r of rows.filter((x) => !badLines.has(x.line))) {
      const e = existing.get(r.code);
      if (e && !inScope(actor, e.path)) errs.push({ row: r.line, field: 'code', message: `编码 ${r.code} 已被您管理范围以外的组织使用` });
      else if (e && e.parent_code !== r.parentCode) errs.push({ row: r.line, field: 'parentCode', message: '已有组织变更上级请使用“迁移”功能' });
      else if (e?.status === 'dissolved') errs.push({ row: r.line, field: 'code', message: `组织 ${r.code} 已撤销，不能导入更新` });
      const p = existing.get(r.parentCode);
      if (!p && !inFile.has(r.parentCode)) errs.push({ row: r.line, field: 'parentCode', message: `上级编码 ${r.parentCode} 不存在` });
      else if (p && !inScope(actor, p.path)) errs.push({ row: r.line, field: 'parentCode', message: `上级编码 ${r.parentCode} 不在您的管理范围内` });
      else if (p?.status === 'dissolved') errs.push({ row: r.line, field: 'parentCode', message: `上级组织 ${r.parentCode} 已撤销` });
    }
    const ordered = orderParentsFirst(rows.filter((r) => !existing.has(r.code)), existing, errs);
    if (errs.length) return { created: 0, updated: 0, errors: errs.sort((a, b) => a.row - b.row), applied: false };
    progress(0.3, '写入数据');
    const ids = await reserveOrgIds(q, ordered.length);
    const placed = new Map<string, { id: number; path: string; depth: number; level: string }>(existing);
    const inserts: NewOrg[] = ordered.map((r, i) => {
      const parent = placed.get(r.parentCode)!;
      const id = ids[i]!;
      const node = { id, path: pathFor(parent.path, id), depth: parent.depth + 1, level: r.level ?? childLevel(parent.level as never, r.kind as never) };
      placed.set(r.code, node);
      return { ...node, parentId: parent.id, code: r.code, name: r.name, kind: r.kind, sector: r.sector, status: r.status,
        divisionCode: r.divisionCode, foundedOn: r.status === 'founded' ? r.foundedOn : null, memberCount: r.memberCount };
    });
    await bulkInsertOrgs(q, inserts, (done) => progress(0.3 + 0.5 * (done / Math.max(1, inserts.length)), `已写入 ${done} 个组织`));
    const updates = rows.filter((r) => existing.has(r.code));
    for (const r of updates) {
      await q.query(`UPDATE orgs SET name=$2, kind=$3, sector=coalesce($4, sector), level=coalesce($5, level), division_code=coalesce($6, division_code),
        founded_on=coalesce($7::date, founded_on), member_count=coalesce($8, member_count), version=version+1, updated_at=now() WHERE id=$1`,
        [existing.get(r.code)!.id, r.name, r.kind, r.sector, r.level, r.divisionCode, r.foundedOn, r.memberCount]);
    }
    await setSecretaries(q, rows.filter((r) => r.secretaryName), placed);
    await auditRaw(q, ctx, { action: 'org.import', objectType: 'org_import', objectId: null,
      after: { dryRun, created: inserts.map((o) => o.code), updated: updates.map((r) => r.code) } });
    progress(0.95, '完成');
    const result = { created: inserts.length, updated: updates.length, errors: [], applied: !dryRun };
    // A dry run does all the work, then rolls it back: the report is exactly what a real run would do.
    if (dryRun) throw new DryRunDone(result);
    return result;
  }).catch((err) => {
    if (err instanceof DryRunDone) return err.result;
    throw err;
  });
}

class DryRunDone extends Error {
  constructor(readonly result: ImportResult) { super('dry run'); }
}

function orderParentsFirst(fresh: Row[], existing: Map<string, unknown>, errs: Err[]): Row[] {
  const byCode = new Map(fresh.map((r) => [r.code, r]));
  const out: Row[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: Row) => {
    if (state.get(r.code) === 'done') return;
    if (state.get(r.code) === 'visiting') { errs.push({ row: r.line, field: 'parentCode', message: '上级编码形成循环' }); return; }
    state.set(r.code, 'visiting');
    const p = byCode.get(r.parentCode);
    if (p && !existing.has(r.parentCode)) visit(p);
    state.set(r.code, 'done');
    out.push(r);
  };
  fresh.forEach(visit);
  return out;
}

async function setSecretaries(q: Queryable, rows: Row[], placed: Map<string, { id: number }>) {
  for (const r of rows) {
    const id = placed.get(r.code)!.id;
    const position = r.status === 'preparing' ? 'acting_secretary' : 'secretary';
    await q.query(`DELETE FROM org_leaders WHERE org_id = $1 AND position IN ('secretary','acting_secretary')`, [id]);
    // Raw SQL bypasses the sealed column type: seal here.
    const m = r.secretaryMobile ? { sealed: dataCrypto().seal(r.secretaryMobile), hash: dataCrypto().blindIndex(r.secretaryMobile) } : { sealed: null, hash: null };
    await q.query(`INSERT INTO org_leaders (org_id, position, name, mobile, mobile_hash, sort) VALUES ($1, $2, $3, $4, $5, 0)`, [id, position, r.secretaryName, m.sealed, m.hash]);
  }
}
