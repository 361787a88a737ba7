/**
 * The daily snapshot (S4.2): once an hour, every program running today records today's counts. A
 * snapshot is one row per target, org and day, so the hourly runs refresh today's row and the last
 * run of the day is what the day's bulletin reads.
 */
import { toCivilDate } from '@tuanjian/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { SYSTEM_ACTOR } from '../../system-actor';
import { loadProgram } from '../programs/programs.service';
import { programs } from '../programs/programs.table';
import { snapshotProgram } from './progress.service';

const HOUR = 60 * 60 * 1000;

export async function snapshotRunningPrograms(database: Database, today: string): Promise<number> {
  const db = database.db;
  const running = await db.select({ id: programs.id }).from(programs).where(sql`${programs.startsOn} <= ${today} AND ${programs.endsOn} >= ${today}`);
  let rows = 0;
  for (const { id } of running) {
    const program = await loadProgram(db, SYSTEM_ACTOR, id);
    if (!(program.template.targets ?? []).length) continue;
    rows += await db.transaction((tx) => snapshotProgram(tx, program, today));
  }
  return rows;
}

/** Starts the hourly run (and one right away); returns the function that stops it. */
export function scheduleDailySnapshots(database: Database, onError: (err: unknown) => void, now: () => Date = () => new Date()): () => void {
  const run = () => void snapshotRunningPrograms(database, toCivilDate(now())).catch(onError);
  const timer = setInterval(run, HOUR);
  timer.unref();
  run();
  return () => clearInterval(timer);
}
