import { enumeratePeriods, periodOf, subtreeRange, type CivilDate } from '@tuanjian/domain';
import { authorize, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { findOrgInScope } from '../orgs/orgs.queries';
import { loadProgram } from '../programs/programs.service';
import { cellsByGroup, groupsAtLevel, type RollupCellRow, type RollupLevel, type RollupUnit } from './rollups.queries';

export interface RollupInput {
  programId: number;
  kinds: string[];
  /** The org whose subtree is counted: the nation, a province, a county. */
  scopeOrgId: number;
  /** The rows: every org of this level under the scope (its cities, its townships). */
  groupLevel: RollupLevel;
  unit: RollupUnit;
  /** Defaults to the program's run. */
  from?: CivilDate;
  to?: CivilDate;
  verifiedOnly?: boolean;
}

export interface RollupCell {
  periodKey: string;
  count: number;
  peopleReached: number;
  amount: number;
}

const empty = (periodKey: string): RollupCell => ({ periodKey, count: 0, peopleReached: 0, amount: 0 });

/**
 * Records of some kinds counted per group × period, with the same counting rule as compliance: drafts,
 * returned and superseded versions count for nothing, and a verified-only program counts verified
 * records only. Computed from the records at request time, so a record counts as soon as it is saved.
 * A cell opens its records through the records list filtered by the group's subtree and the period.
 */
export async function rollup(db: Db, actor: Actor, input: RollupInput) {
  // Independent lookups side by side; the groups are only used once the scope is authorized below.
  const [program, scope, groups] = await Promise.all([
    loadProgram(db, actor, input.programId), findOrgInScope(db, actor, input.scopeOrgId), groupsAtLevel(db, input.scopeOrgId, input.groupLevel),
  ]);
  const known = new Set(program.template.recordKinds.map((k) => k.id));
  const unknown = input.kinds.filter((k) => !known.has(k));
  if (input.kinds.length === 0 || unknown.length) {
    throw new BadRequestError(`本专项工作没有这类记录：${unknown.join('、') || '（未指定）'}`, [{ path: 'querystring.kinds', message: '记录类型不存在' }]);
  }
  if (!scope) throw new NotFoundError('组织不存在或不在您的管理范围内');
  authorize(actor, 'org.read', scope.path);
  const from = input.from ?? program.p.startsOn;
  const to = input.to ?? program.p.endsOn;
  if (from > to) throw new BadRequestError('开始日期晚于结束日期', [{ path: 'querystring.from', message: '开始日期晚于结束日期' }]);

  const statuses = input.verifiedOnly || program.p.verifiedOnly ? ['verified'] : ['submitted', 'verified'];
  const cellRows: RollupCellRow[] = [];
  // Groups of one level nearly always share a depth; a tree where they do not costs one pass per depth.
  for (const depth of [...new Set(groups.map((g) => g.depth))]) {
    cellRows.push(...await cellsByGroup(db, {
      programId: program.p.id, kinds: input.kinds, scope: subtreeRange(scope.path), depth, unit: input.unit, from, to, statuses,
      groupIds: groups.filter((g) => g.depth === depth).map((g) => g.id),
    }));
  }

  const periods = enumeratePeriods(input.unit, from, to);
  const byGroup = new Map<number, Map<string, RollupCell>>();
  for (const c of cellRows) {
    const key = periodOf(input.unit, c.periodStart).key;
    const cells = byGroup.get(c.groupId) ?? new Map<string, RollupCell>();
    cells.set(key, { periodKey: key, count: c.count, peopleReached: c.peopleReached, amount: c.amount });
    byGroup.set(c.groupId, cells);
  }
  const rows = groups.map((g) => ({
    orgId: g.id, code: g.code, name: g.name,
    cells: periods.map((p) => byGroup.get(g.id)?.get(p.key) ?? empty(p.key)),
  }));
  const totals = periods.map((p, i) => rows.reduce((t, r) => {
    const c = r.cells[i]!;
    return { periodKey: p.key, count: t.count + c.count, peopleReached: t.peopleReached + c.peopleReached, amount: t.amount + c.amount };
  }, empty(p.key)));
  return {
    scope: { orgId: scope.id, name: scope.name },
    kinds: input.kinds, unit: input.unit, from, to,
    periods: periods.map((p) => ({ key: p.key, start: p.start, end: p.end })),
    rows, totals,
  };
}
