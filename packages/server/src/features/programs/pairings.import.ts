/**
 * Pairing rosters from a spreadsheet (S1.1 结对帮扶名单, S3.1 驻点对接联系分配表, S4.3 挂钩联系, S0.2):
 * one row per pairing, one column per side headed by the side's name, several names in a cell
 * separated by 、 or ，. All rows or none: a row that does not resolve or fails the pairing rules
 * is reported with its row number and nothing is saved.
 */
import type { ProgramTemplate } from '@tuanjian/domain';
import { and, eq, like, or, sql } from 'drizzle-orm';
import type { AuditContext } from '../../audit/audit';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import type { Table } from '../../files/tabular';
import { AppError, BadRequestError } from '../../http/errors';
import { orgs } from '../orgs/orgs.table';
import { cadres, departments } from '../people/people.table';
import { createDepartment } from '../people/people.service';
import { holderTypeOf, type HolderRef } from './holders';
import { assignHolder } from './holders.service';
import { eligibilityProblem } from './nominations.rules';
import { createPairing } from './pairings.service';
import { loadProgram } from './programs.service';
import { programRoles } from './programs.table';

export const MAX_PAIRING_ROWS = 2000;
const MODE_HEADER = '结对方式';

type Loaded = Awaited<ReturnType<typeof loadProgram>>;
type Mode = NonNullable<ProgramTemplate['pairingModes']>[number];
type Side = Mode['sides'][number];
export interface RowError { row: number; field?: string; message: string }
export interface PairingImportResult { ok: boolean; dryRun: boolean; pairings: number; holdersAssigned: number; errors: RowError[] }
export interface PairingImportOptions { modeKey?: string; dryRun: boolean; createMissingDepartments?: boolean }

class Rollback extends Error {}
class RowProblem extends Error {}

const splitNames = (cell: string) => cell.split(/[、，,;；\n]/).map((s) => s.trim()).filter(Boolean);

/** Holder types a side can take, from the roles it names (S1.1 helpers: units and 团市委 departments). */
function sideTypes(template: ProgramTemplate, side: Side) {
  const holders = (side.who.roles ?? []).map((r) => template.roles.find((x) => x.id === r)?.holder ?? 'org');
  if (side.who.holder) holders.push(side.who.holder);
  return [...new Set(holders.length ? holders.map(holderTypeOf) : ['org' as const])];
}

/**
 * A name as an org of the program's scope: its code, its exact name, or — the way the seed tables
 * write them ("梅州", "丙村镇") — a unique org of an eligible kind and level whose name contains it.
 */
async function findOrg(db: Db, program: Loaded, template: ProgramTemplate, side: Side, token: string): Promise<number | string> {
  const inScope = like(orgs.path, `${program.scopePath}%`);
  const exact = await db.select({ id: orgs.id }).from(orgs).where(and(inScope, or(eq(orgs.code, token), eq(orgs.name, token)), sql`${orgs.status} <> 'dissolved'`)).limit(2);
  if (exact.length === 1) return exact[0]!.id;
  const roles = (side.who.roles ?? []).map((r) => template.roles.find((x) => x.id === r)).filter((r) => r && r.holder === 'org');
  const candidates = await db.select().from(orgs).where(and(inScope, like(orgs.name, `%${token.replace(/[%_\\]/g, '\\$&')}%`), sql`${orgs.status} <> 'dissolved'`)).limit(200);
  const eligible = candidates.filter((o) => roles.length === 0 || roles.some((r) => !eligibilityProblem(r!, o)));
  if (eligible.length === 1) return eligible[0]!.id;
  if (eligible.length === 0) return `找不到组织“${token}”`;
  return `“${token}”对应多个组织：${eligible.slice(0, 3).map((o) => o.name).join('、')}，请写编码或全称`;
}

/** "组织部" is a department of the issuing committee; "共青团某县委员会·组织部" of another committee in scope. */
async function findDepartment(db: Db, program: Loaded, token: string, create: { ctx: AuditContext; actor: Actor } | null): Promise<number | string> {
  const [orgPart, deptPart] = token.includes('·') ? token.split('·', 2) as [string, string] : [null, token];
  const owner = orgPart === null
    ? program.p.issuerOrgId
    : (await db.select({ id: orgs.id }).from(orgs).where(and(like(orgs.path, `${program.scopePath}%`), eq(orgs.name, orgPart))).limit(1))[0]?.id;
  if (!owner) return `找不到组织“${orgPart}”`;
  const found = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, owner), eq(departments.name, deptPart)));
  if (found[0]) return found[0].id;
  if (!create) return `找不到部室“${deptPart}”，请先在组织详情中添加`;
  await createDepartment(db, create.ctx, create.actor, owner, deptPart);
  return (await db.select({ id: departments.id }).from(departments).where(and(eq(departments.orgId, owner), eq(departments.name, deptPart))))[0]!.id;
}

async function findCadre(db: Db, program: Loaded, token: string): Promise<number | string> {
  const [orgPart, name] = token.includes('·') ? token.split('·', 2) as [string, string] : [null, token];
  const rows = await db.select({ id: cadres.id, orgName: orgs.name }).from(cadres).innerJoin(orgs, eq(orgs.id, cadres.orgId))
    .where(and(like(orgs.path, `${program.scopePath}%`), eq(cadres.name, name), eq(cadres.active, true), ...(orgPart ? [eq(orgs.name, orgPart)] : []))).limit(3);
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length === 0) return `找不到团干部“${name}”`;
  return `有多名团干部叫“${name}”，请写作“组织全称·姓名”`;
}

async function resolveToken(tx: Db, program: Loaded, side: Side, token: string, opts: PairingImportOptions, who: { ctx: AuditContext; actor: Actor }): Promise<HolderRef | string> {
  const types = sideTypes(program.template, side);
  let lastProblem = '';
  for (const type of types) {
    const found = type === 'org' ? await findOrg(tx, program, program.template, side, token)
      : type === 'department' ? await findDepartment(tx, program, token, opts.createMissingDepartments ? who : null)
      : await findCadre(tx, program, token);
    if (typeof found === 'number') return { type, id: found };
    lastProblem = found;
  }
  return lastProblem;
}

/** Names a member as holder of the side's first fitting role when the issuer may name it directly (no quota). */
async function ensureHolder(tx: Db, ctx: AuditContext, actor: Actor, program: Loaded, side: Side, ref: HolderRef): Promise<boolean> {
  const roleKeys = side.who.roles ?? [];
  if (!roleKeys.length) return false;
  const column = ref.type === 'org' ? programRoles.orgId : ref.type === 'department' ? programRoles.departmentId : programRoles.cadreId;
  const held = await tx.select({ roleKey: programRoles.roleKey }).from(programRoles)
    .where(and(eq(programRoles.programId, program.p.id), eq(column, ref.id), eq(programRoles.status, 'approved')));
  if (held.some((h) => roleKeys.includes(h.roleKey))) return false;
  const candidates = roleKeys.map((k) => program.template.roles.find((r) => r.id === k)!).filter((r) => r && !r.quota && holderTypeOf(r.holder) === ref.type);
  let problem: AppError | null = null;
  for (const role of candidates) {
    try {
      await assignHolder(tx, ctx, actor, program.p.id, { roleKey: role.id, holder: ref });
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      problem = err;
    }
  }
  if (problem) throw new RowProblem(problem.message);
  return false;
}

export function tableFromAssignments(template: ProgramTemplate, index = 0): { modeKey: string; table: Table } {
  const a = template.assignments?.[index];
  if (!a) throw new BadRequestError('模板中没有结对分配表');
  const mode = template.pairingModes?.find((m) => m.id === a.pairingMode);
  if (!mode) throw new BadRequestError(`分配表引用了不存在的结对方式 ${a.pairingMode}`);
  return { modeKey: mode.id, table: { headers: mode.sides.map((s) => s.name), rows: a.rows.map((row) => mode.sides.map((s) => (row[s.id] ?? []).join('、'))) } };
}

export async function importPairings(db: Db, ctx: AuditContext, actor: Actor, programId: number, table: Table, opts: PairingImportOptions): Promise<PairingImportResult> {
  if (table.rows.length > MAX_PAIRING_ROWS) throw new BadRequestError(`一次最多导入 ${MAX_PAIRING_ROWS} 行`);
  const result: PairingImportResult = { ok: false, dryRun: opts.dryRun, pairings: 0, holdersAssigned: 0, errors: [] };
  const header = (name: string) => table.headers.findIndex((h) => h.trim() === name);
  try {
    await db.transaction(async (tx) => {
      const program = await loadProgram(tx, actor, programId);
      authorize(actor, 'nomination.decide', program.issuerPath);
      const modes = program.template.pairingModes ?? [];
      if (!modes.length) throw new BadRequestError('本专项工作没有结对方式');
      const modeColumn = header(MODE_HEADER);
      for (const [i, cells] of table.rows.entries()) {
        const rowNo = i + 2;
        if (cells.every((c) => !c?.trim())) continue;
        const modeName = modeColumn >= 0 ? cells[modeColumn]?.trim() : undefined;
        const mode = modeName ? modes.find((m) => m.name === modeName || m.id === modeName)
          : opts.modeKey ? modes.find((m) => m.id === opts.modeKey) : modes.length === 1 ? modes[0] : undefined;
        if (!mode) {
          result.errors.push({ row: rowNo, field: MODE_HEADER, message: modeName ? `没有结对方式“${modeName}”` : `请在“${MODE_HEADER}”列写明：${modes.map((m) => m.name).join('、')}` });
          continue;
        }
        const members: Record<string, HolderRef[]> = {};
        let rowOk = true;
        for (const side of mode.sides) {
          const col = [header(side.name), header(side.id)].find((c) => c >= 0);
          if (col === undefined) throw new BadRequestError(`表头缺少“${side.name}”列（${mode.name}的各方：${mode.sides.map((s) => s.name).join('、')}）`);
          members[side.id] = [];
          for (const token of splitNames(cells[col] ?? '')) {
            const ref = await resolveToken(tx, program, side, token, opts, { ctx, actor });
            if (typeof ref === 'string') { result.errors.push({ row: rowNo, field: side.name, message: ref }); rowOk = false; continue; }
            try {
              if (await ensureHolder(tx, ctx, actor, program, side, ref)) result.holdersAssigned++;
            } catch (err) {
              if (!(err instanceof RowProblem)) throw err;
              result.errors.push({ row: rowNo, field: side.name, message: `${token}：${err.message}` });
              rowOk = false;
            }
            members[side.id]!.push(ref);
          }
        }
        if (!rowOk) continue;
        try {
          await createPairing(tx, ctx, actor, programId, { modeKey: mode.id, members });
          result.pairings++;
        } catch (err) {
          if (!(err instanceof AppError) || err.status !== 400) throw err;
          const sideName = (path: string) => mode.sides.find((s) => path.startsWith(`body.members.${s.id}`))?.name;
          for (const f of err.fields ?? [{ path: '', message: err.message }]) result.errors.push({ row: rowNo, field: sideName(f.path), message: f.message });
        }
      }
      if (result.errors.length || opts.dryRun) throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  result.ok = result.errors.length === 0;
  if (!result.ok) { result.pairings = 0; result.holdersAssigned = 0; }
  return result;
}

