import type { Org } from '@tuanjian/contracts';
import { maskMobile } from '@tuanjian/domain';
import { can, type Actor } from '../../auth/policy';
import type { OrgRow } from './orgs.table';

export function presentOrg(row: OrgRow, hasChildren: boolean): Org {
  return {
    id: row.id,
    parentId: row.parentId,
    code: row.code,
    name: row.name,
    kind: row.kind as Org['kind'],
    sector: (row.sector ?? null) as Org['sector'],
    level: row.level as Org['level'],
    status: row.status as Org['status'],
    divisionCode: row.divisionCode,
    foundedOn: row.foundedOn,
    dissolvedOn: row.dissolvedOn,
    honors: row.honors as Org['honors'],
    memberCount: row.memberCount,
    termElectedOn: row.termElectedOn,
    termDueOn: row.termDueOn,
    hasChildren,
    version: row.version,
  };
}

/**
 * Who may read the tree's skeleton only (org.tree without org.read: the security administrator placing accounts)
 * gets names, codes, kinds and places, but not the business figures kept on an org.
 */
export function orgPresenterFor(actor: Actor): typeof presentOrg {
  if (can(actor, 'org.read')) return presentOrg;
  return (row, hasChildren) => ({ ...presentOrg(row, hasChildren), honors: [], memberCount: null, termElectedOn: null, termDueOn: null });
}

/** Personal data is masked once, here, for every page, API answer and export. */
export function presentMobile(mobile: string | null, mayView: boolean): string | null {
  if (!mobile) return null;
  return mayView ? mobile : maskMobile(mobile);
}
