import type { ProgramTemplate } from '@tuanjian/domain';
import { ORG_LABELS } from '../orgs/orgs.labels';
import type { OrgRow } from '../orgs/orgs.table';

type Role = ProgramTemplate['roles'][number];

/** Why an org may not hold a role, in Chinese, or null when it may (kind, level, sector, honors). */
export function eligibilityProblem(role: Role, org: OrgRow): string | null {
  const e = role.eligibility;
  if (!e) return null;
  const zh = (field: keyof typeof ORG_LABELS, values: readonly string[]) => values.map((v) => ORG_LABELS[field][v] ?? v).join('、');
  if (e.orgKinds && !e.orgKinds.includes(org.kind as never)) return `${role.name}须为以下类型的组织：${zh('kind', e.orgKinds)}`;
  if (e.levels && !e.levels.includes(org.level as never)) return `${role.name}须为以下层级的组织：${zh('level', e.levels)}`;
  if (e.sectors && !e.sectors.includes(org.sector as never)) return `${role.name}须属于以下领域：${zh('sector', e.sectors)}`;
  if (e.honors && !e.honors.some((h) => org.honors.includes(h))) return `${role.name}须获得以下荣誉之一：${e.honors.join('、')}`;
  return null;
}

/** A level as users read it ('乡镇级'), for messages about quotas counted per level. */
export const levelName = (level: string) => ORG_LABELS.level[level] ?? level;

/** The ancestor whose level the quota is counted under (S0.1: per county), from the org's own path. */
export function quotaParentIn(role: Role, org: OrgRow, ancestors: Pick<OrgRow, 'id' | 'level'>[]): number | null {
  if (!role.quota) return null;
  const per = role.quota.per;
  if (org.level === per) return org.id;
  return ancestors.find((a) => a.level === per)?.id ?? null;
}
