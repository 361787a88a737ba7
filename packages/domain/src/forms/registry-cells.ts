/**
 * Cells computed from the registry rather than from records: orgs founded or standing in a row's
 * subtree (S4.2 direct orgs built) and a row's part of a split target (S4.1). They open the orgs
 * behind them instead of records.
 */
import type { FormColumnDef, FormComputeDef } from '../templates/form-schema';
import type { FormCell, FormInput } from './types';

type OrgsOp = Extract<FormComputeDef, { op: 'orgs' }>;
type TargetOp = Extract<FormComputeDef, { op: 'target' }>;

const cell = (column: FormColumnDef, value: number | null, holderKeys: string[]): FormCell =>
  ({ column: column.id, source: 'computed', value, figures: null, counts: null, recordIds: [], holderKeys, mobiles: [] });

/** Orgs strictly below the row's subjects: founded during the period, or founded by its end and not dissolved by then. */
export function orgsCell(column: FormColumnDef, op: OrgsOp, input: FormInput, subjects: ReadonlySet<string>): FormCell {
  const { start, end } = input.period;
  const keys = (input.orgFacts ?? [])
    .filter((o) => o.ancestorKeys.some((k) => subjects.has(k)))
    .filter((o) => !op.orgKinds || (op.orgKinds as readonly string[]).includes(o.kind))
    .filter((o) => !op.sectors || (o.sector !== null && (op.sectors as readonly string[]).includes(o.sector)))
    .filter((o) => op.founded === 'in_period'
      ? o.foundedOn !== null && o.foundedOn >= start && o.foundedOn <= end
      : (o.foundedOn === null || o.foundedOn <= end) && (o.dissolvedOn === null || o.dissolvedOn > end))
    .map((o) => o.key)
    .sort();
  return cell(column, keys.length, [...new Set(keys)]);
}

/** The parts of a split target allocated to the row's subjects; empty when the target was not split to them. */
export function targetCell(column: FormColumnDef, op: TargetOp, input: FormInput, subjects: ReadonlySet<string>): FormCell {
  const parts = input.targetParts?.[op.target] ?? {};
  const mine = [...subjects].filter((s) => parts[s] !== undefined);
  return cell(column, mine.length ? mine.reduce((sum, s) => sum + parts[s]!, 0) : null, mine);
}

export function cellWithOrgs(a: FormCell, b: FormCell): string[] {
  return [...new Set([...a.holderKeys, ...b.holderKeys])];
}
