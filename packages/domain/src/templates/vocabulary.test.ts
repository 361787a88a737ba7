import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_HONORS, TEMPLATE_ORG_KINDS, TEMPLATE_SECTORS, isMonthDay } from './vocabulary';

// The domain may not import @tuanjian/contracts, so the mirrored lists are compared as source text.
const contracts = readFileSync(new URL('../../../contracts/src/orgs.ts', import.meta.url), 'utf8');
function contractList(name: string): string[] {
  const m = new RegExp(`export const ${name} = \\[([^\\]]*)\\] as const`).exec(contracts);
  if (!m?.[1]) throw new Error(`${name} not found in contracts/src/orgs.ts`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

describe('vocabulary', () => {
  it('org kinds, sectors and honors are those of @tuanjian/contracts', () => {
    expect([...TEMPLATE_ORG_KINDS]).toEqual(contractList('ORG_KINDS'));
    expect([...TEMPLATE_SECTORS]).toEqual(contractList('ORG_SECTORS'));
    expect([...TEMPLATE_HONORS]).toEqual(contractList('HONORS'));
  });

  it("'MM-DD' accepts real days of any year, 29 February included", () => {
    expect(['01-01', '02-29', '12-15', '04-30'].map(isMonthDay)).toEqual([true, true, true, true]);
    expect(['02-30', '04-31', '13-01', '1-5', '2019-12-15', '00-10'].map(isMonthDay)).toEqual([false, false, false, false, false, false]);
  });
});
