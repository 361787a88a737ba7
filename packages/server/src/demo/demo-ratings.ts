/**
 * 对标定级 on 梅县区: a dozen village branches scored against the 100-point standard, most reviewed by
 * the county, one returned and one waiting, so the quotas and the mandatory cap show at first start.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { orgs } from '../features/orgs/orgs.table';
import { reviewRating, selfScore } from '../features/ratings/ratings.service';
import { SYSTEM_ACTOR, systemContext } from '../system-actor';

const ctx = systemContext('demo');
const FULL = { organization: 15, secretary: 15, membership: 15, meetings: 20, dues: 10, recruitment: 10, service: 15 };
/** Points off the optional items, then (for the last pattern) a mandatory item short. */
const PATTERNS: Array<Partial<typeof FULL>> = [
  {}, { service: 13 }, { service: 10 }, { service: 10, dues: 8 }, { service: 8, membership: 10 }, { service: 5, membership: 10 },
  { service: 5, membership: 8, dues: 6 }, { service: 5, membership: 5, dues: 5, recruitment: 5 }, { service: 12, meetings: 15 },
];

export async function meizhouRatingsDemo(database: Database, programId: number) {
  const db = database.db;
  const branches = await db.select().from(orgs).where(sql`${orgs.code} LIKE '441403%' AND ${orgs.level} = 'village'`).orderBy(orgs.code).limit(PATTERNS.length + 2);
  for (const [i, b] of branches.entries()) {
    const scores = { ...FULL, ...(PATTERNS[i] ?? { service: 9 }) };
    await selfScore(db, ctx, SYSTEM_ACTOR, programId, 'branch_star_rating', b.id, { scores, version: 0 });
    if (i === PATTERNS.length) {
      await reviewRating(db, ctx, SYSTEM_ACTOR, programId, 'branch_star_rating', b.id, { decision: 'return', reason: '“三会两制一课”缺少会议记录', version: 1 });
    } else if (i < PATTERNS.length) {
      await reviewRating(db, ctx, SYSTEM_ACTOR, programId, 'branch_star_rating', b.id, { decision: 'approve', version: 1 });
    }
  }
}
