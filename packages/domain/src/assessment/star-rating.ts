/**
 * Star rating of branches (对标定级, as 智慧团建 runs it): reviewed scores against a 100-point
 * standard decide the stars, but each band holds at most its share of all rated branches (e.g. at
 * most 20% five-star). Branches above a full quota fall to the next band with room. A tie at the
 * edge of a quota is never split by chance: the whole tied group falls, so equal scores always get
 * equal stars. A branch that fails a mandatory item cannot rise above `mandatoryCap` stars.
 */

export interface StarBand {
  stars: number;
  minScore: number;
  /** At most this share (0–1) of all rated branches; no limit when absent. */
  maxShare?: number;
}

export interface RatedEntry { key: string; score: number; failsMandatory?: boolean }

export interface StarResult { key: string; score: number; stars: number; /** Stars the score alone would earn, before quotas and caps. */ earned: number; reason: string | null }

export function assignStars(entries: readonly RatedEntry[], bands: readonly StarBand[], mandatoryCap = 3): StarResult[] {
  const ordered = [...bands].sort((a, b) => b.stars - a.stars);
  // Below the lowest band: one star less (智慧团建 rates every branch, the lowest band is not the floor).
  const lowest = Math.max(0, Math.min(...ordered.map((b) => b.stars)) - 1);
  const earnedBy = (score: number) => ordered.find((b) => score >= b.minScore)?.stars ?? lowest;
  const capacity = new Map(ordered.map((b) => [b.stars, b.maxShare === undefined ? Infinity : Math.floor(entries.length * b.maxShare + 1e-9)]));
  const used = new Map<number, number>();
  const sorted = [...entries].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out = new Map<string, StarResult>();
  // Tied groups move together through the bands.
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const group = sorted.slice(i, j);
    for (const capped of [true, false]) {
      const members = group.filter((e) => Boolean(e.failsMandatory) === capped);
      if (!members.length) continue;
      const earned = earnedBy(members[0]!.score);
      let stars = capped ? Math.min(earned, mandatoryCap) : earned;
      let reason: string | null = capped && stars < earned ? '必备条件未达到' : null;
      while (stars > lowest) {
        const room = (capacity.get(stars) ?? Infinity) - (used.get(stars) ?? 0);
        if (room >= members.length) break;
        stars = ordered.find((b) => b.stars < stars)?.stars ?? lowest;
        reason = `${earned} 星名额已满（同分者同级）`;
      }
      used.set(stars, (used.get(stars) ?? 0) + members.length);
      for (const e of members) out.set(e.key, { key: e.key, score: e.score, stars, earned, reason });
    }
    i = j;
  }
  return entries.map((e) => out.get(e.key)!);
}
