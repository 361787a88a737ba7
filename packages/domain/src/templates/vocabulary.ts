/**
 * The closed word lists a program template may use. Org kinds, sectors and honors mirror
 * @tuanjian/contracts (orgs.ts); the domain cannot import that package, so a test compares them.
 */

export const TEMPLATE_ORG_KINDS = [
  'committee',
  'working_committee',
  'general_branch',
  'branch',
  'direct_org',
  'quasi_org',
  'youth_group',
  'partner_unit',
] as const;
export type TemplateOrgKind = (typeof TEMPLATE_ORG_KINDS)[number];

export const TEMPLATE_SECTORS = [
  'rural',
  'urban_community',
  'school',
  'state_enterprise',
  'non_public_enterprise',
  'social_organization',
  'agency',
  'industrial_park',
  'other',
] as const;

/** 青年文明号 collective, 五四红旗 league org (S0.2, S0.6, S1.1). */
export const TEMPLATE_HONORS = ['youth_civilization_post', 'may_fourth_red_flag'] as const;

/** Who holds a role or a pairing side: an org, a named person (S4.3 linked cadre), a department (S3.1). */
export const HOLDERS = ['org', 'person', 'department'] as const;
export type Holder = (typeof HOLDERS)[number];

export const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select', 'org', 'person', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Quantities a record carries; they are the RecordFact fields that obligation measures sum. */
export const QUANTITIES = ['days', 'peopleReached', 'amount'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** S0.10 note 1: most columns need evidence, "problems solved" and "reports to party" do not. */
export const EVIDENCE_RULES = ['required', 'optional', 'none'] as const;

export const COMPARISON_OPS = ['>', '>=', '<', '<=', '='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** Who decides a role among the nominations (S0.1: counties nominate, the city decides). */
export const DECIDERS = ['issuer', 'parent'] as const;

/** Methods of target-split.ts (S4.1 5,000 orgs over 133 townships). */
export const SPLIT_METHODS = ['equal', 'weight', 'hand'] as const;

/** snake_case ids as in the glossary: demo_town, study_exchange. */
export const SNAKE_ID = /^[a-z][a-z0-9_]*$/;
export const SNAKE_ID_MESSAGE = '标识只能用小写英文字母、数字和下划线，并以字母开头（如 demo_town）';

/** Template ids are kebab-case because they also name the file: s0-meizhou-pairing. */
export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const KEBAB_ID_MESSAGE = '模板标识只能用小写英文字母、数字和连字符（如 s0-meizhou-pairing）';

/** Pairing modes keep the seed's own names such as '2+2'. */
export const MODE_ID = /^[a-z0-9][a-z0-9_+-]*$/;

/** Obligation, deliverable and target ids may use dots and hyphens: s0.8-work-meetings. */
export const ITEM_ID = /^[a-z0-9][a-z0-9_.-]*$/;
export const ITEM_ID_MESSAGE = '标识只能用小写英文字母、数字、下划线、点和连字符';

/** Seed requirement ids from SEEDS.md: S0.8, X.2. */
export const REQUIREMENT_ID = /^(S\d+|X)\.\d+$/;

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'MM-DD' without a year; 02-29 is allowed and clamps in a common year. */
export function isMonthDay(value: string): boolean {
  const m = MONTH_DAY.exec(value);
  if (!m) return false;
  return Number(m[2]) <= (DAYS_IN_MONTH[Number(m[1]) - 1] ?? 0);
}
