import type { OrgKind, OrgLevel } from '@tuanjian/contracts';
import { toCivilDate } from '@tuanjian/domain';

/** Interval start for orgs whose founding date nobody recorded (e.g. committees built from the division list). */
export const SINCE_ALWAYS = '1949-10-01';

const NEXT_LEVEL: Record<OrgLevel, OrgLevel> = {
  national: 'province', province: 'city', city: 'county', county: 'township', township: 'village', village: 'grassroots', grassroots: 'grassroots',
};

/** A committee one step down the division ladder sits one level lower; units hanging off it are grassroots. */
export function childLevel(parentLevel: OrgLevel, kind: OrgKind): OrgLevel {
  if (kind === 'committee' || kind === 'working_committee') return NEXT_LEVEL[parentLevel];
  if (parentLevel === 'township' && (kind === 'branch' || kind === 'general_branch')) return 'village';
  return 'grassroots';
}

export function todayIn(now: Date): string {
  return toCivilDate(now);
}
