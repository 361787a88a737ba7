/** Whom a target is split among. */
import type { TemplateTarget } from '@tuanjian/domain';
import type { Db } from '../../db/client';
import type { OrgRow } from '../orgs/orgs.table';
import { committeesBelow, eligibleUnder, roleHoldersUnder, type OrgBrief } from './targets.queries';
import { splitRole, type LoadedProgram } from './targets.template';

type Among = 'subjects' | 'children';

/**
 * Whom an org's share goes to: the template's subjects below it (S4.1 the township committees, named
 * holders first, else every org the role's eligibility admits), or its direct subordinate committees.
 */
export async function subordinatesFor(db: Db, program: LoadedProgram, target: TemplateTarget, parent: Pick<OrgRow, 'id' | 'path'>, among?: Among): Promise<OrgBrief[]> {
  const role = splitRole(program, target);
  if ((among ?? (role ? 'subjects' : 'children')) === 'subjects' && role) {
    const holders = await roleHoldersUnder(db, program.p.id, role.id, parent.path);
    return holders.length ? holders : eligibleUnder(db, role, parent.path);
  }
  return committeesBelow(db, parent.id);
}

export interface ComputedPart {
  org: OrgBrief;
  amount: number;
  weight: number | null;
  keyArea: boolean;
}
