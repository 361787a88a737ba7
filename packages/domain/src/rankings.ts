/**
 * Ranking units by progress against their targets (S4.2 通报排名, X.4): the completion rate decides,
 * ties share a rank, and a unit is lagging when it stands below the share an even pace would have
 * reached by now (落后于时序进度).
 */

export interface UnitProgress {
  id: string;
  name: string;
  target: number;
  actual: number;
  /** Added during the bulletin's period. */
  added: number;
}

export interface RankedUnit extends UnitProgress {
  /** actual / target; null for a unit without a target (it cannot be ranked on a rate). */
  rate: number | null;
  /** 1-based, ties share a rank (1, 2, 2, 4); units without a rate come last, unranked (null). */
  rank: number | null;
  lagging: boolean;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranked by rate (highest first), then by the count itself, then by id for a stable order. A unit
 * with a target of 0 has nothing to do and is listed last without a rank or a lagging flag.
 * `expectedShare` is the time-schedule share (0–1); without it no unit is called lagging.
 */
export function rankUnits(units: readonly UnitProgress[], expectedShare: number | null): RankedUnit[] {
  const rated = units.map((u) => ({ ...u, rate: u.target > 0 ? u.actual / u.target : null }));
  rated.sort((a, b) => {
    if (a.rate === null || b.rate === null) return a.rate === b.rate ? compareText(a.id, b.id) : a.rate === null ? 1 : -1;
    return b.rate - a.rate || b.actual - a.actual || compareText(a.id, b.id);
  });
  const out: RankedUnit[] = [];
  for (const [i, u] of rated.entries()) {
    const prev = out[i - 1];
    const rank = u.rate === null ? null : prev && prev.rate === u.rate ? prev.rank : i + 1;
    const lagging = u.rate !== null && expectedShare !== null && u.rate < expectedShare && u.actual < u.target;
    out.push({ ...u, rank, lagging });
  }
  return out;
}

export interface Totals {
  target: number;
  actual: number;
  added: number;
  rate: number | null;
}

export function totalsOf(units: readonly UnitProgress[]): Totals {
  const target = units.reduce((s, u) => s + u.target, 0);
  const actual = units.reduce((s, u) => s + u.actual, 0);
  const added = units.reduce((s, u) => s + u.added, 0);
  return { target, actual, added, rate: target > 0 ? actual / target : null };
}
