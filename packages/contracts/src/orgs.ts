import { z } from 'zod';
import { CivilDate, Id, Mobile, PageQuery, page } from './common';

export const ORG_KINDS = ['committee', 'working_committee', 'general_branch', 'branch', 'direct_org', 'quasi_org', 'youth_group', 'partner_unit'] as const;
export const ORG_SECTORS = ['rural', 'urban_community', 'school', 'state_enterprise', 'non_public_enterprise', 'social_organization', 'agency', 'industrial_park', 'other'] as const;
export const ORG_STATUSES = ['preparing', 'founded', 'dissolved'] as const;
export const ORG_LEVELS = ['national', 'province', 'city', 'county', 'township', 'village', 'grassroots'] as const;
export const LEADER_POSITIONS = ['secretary', 'deputy_secretary', 'committee_member', 'acting_secretary'] as const;
export const HONORS = ['youth_civilization_post', 'may_fourth_red_flag'] as const;

export const OrgKind = z.enum(ORG_KINDS);
export const OrgSector = z.enum(ORG_SECTORS);
export const OrgStatus = z.enum(ORG_STATUSES);
export const OrgLevel = z.enum(ORG_LEVELS);
export const LeaderPosition = z.enum(LEADER_POSITIONS);
export const Honor = z.enum(HONORS);
export type OrgKind = z.infer<typeof OrgKind>;
export type OrgLevel = z.infer<typeof OrgLevel>;

export const Leader = z.object({
  position: LeaderPosition,
  name: z.string().trim().min(1).max(50),
  // masked ("138****1234") unless the reader may see personal data
  mobile: z.string().max(20).nullable(),
});
export const LeaderInput = Leader.extend({ mobile: Mobile.nullable().optional() });

export const Org = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  kind: OrgKind,
  sector: OrgSector.nullable(),
  level: OrgLevel,
  status: OrgStatus,
  divisionCode: z.string().nullable(),
  foundedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  honors: z.array(Honor),
  memberCount: z.number().int().nullable(),
  termElectedOn: z.string().nullable(),
  termDueOn: z.string().nullable(),
  hasChildren: z.boolean(),
  version: z.number().int(),
});
export type Org = z.infer<typeof Org>;

export const OrgDetail = Org.extend({
  leaders: z.array(Leader),
  ancestors: z.array(z.object({ id: z.number().int(), name: z.string() })),
  childCount: z.number().int(),
  abilities: z.object({ update: z.boolean(), restructure: z.boolean(), createChild: z.boolean() }),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

const orgFields = {
  name: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z_-]+$/, { error: '编码只能包含字母、数字、下划线和连字符' }),
  kind: OrgKind,
  sector: OrgSector.nullable().optional(),
  level: OrgLevel.optional(),
  status: OrgStatus.optional(),
  divisionCode: z.string().regex(/^\d{2,12}$/, { error: '行政区划代码应为 2–12 位数字' }).nullable().optional(),
  foundedOn: CivilDate.nullable().optional(),
  honors: z.array(Honor).max(10).optional(),
  memberCount: z.number().int().min(0).max(10_000_000).nullable().optional(),
  termElectedOn: CivilDate.nullable().optional(),
  termDueOn: CivilDate.nullable().optional(),
  leaders: z.array(LeaderInput).max(50).optional(),
};

export const OrgCreate = z.object({ parentId: Id, ...orgFields });
export type OrgCreate = z.infer<typeof OrgCreate>;
export const OrgUpdate = z.object({ ...orgFields, version: z.number().int().min(0) }).partial().required({ version: true })
  .omit({ status: true });
export type OrgUpdate = z.infer<typeof OrgUpdate>;

export const OrgMove = z.object({ newParentId: Id, effectiveOn: CivilDate, version: z.number().int().min(0) });
export const OrgDissolve = z.object({ effectiveOn: CivilDate, reason: z.string().trim().min(1).max(500), version: z.number().int().min(0) });
export const OrgMerge = z.object({ intoId: Id, effectiveOn: CivilDate, version: z.number().int().min(0) });
export const OrgSplit = z.object({
  effectiveOn: CivilDate,
  version: z.number().int().min(0),
  parts: z.array(z.object({
    name: orgFields.name,
    code: orgFields.code,
    childIds: z.array(Id).max(10_000),
  })).min(2).max(20),
});
export const OrgFound = z.object({ effectiveOn: CivilDate, version: z.number().int().min(0) });

export const OrgListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  under: Id.optional(),
  kind: OrgKind.optional(),
  status: OrgStatus.optional(),
});
export const OrgChildrenQuery = PageQuery.extend({ asOf: CivilDate.optional() });
export const OrgPage = page(Org);

export const OrgEvent = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  kind: z.enum(['founded', 'dissolved', 'moved', 'merged', 'split', 'created']),
  effectiveOn: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export const OrgEventList = z.object({ items: z.array(OrgEvent) });

export const IMPORT_FIELDS = ['code', 'name', 'parentCode', 'kind', 'sector', 'level', 'status', 'divisionCode', 'foundedOn', 'memberCount', 'secretaryName', 'secretaryMobile'] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
/** column mapping: our field → the column header in the file */
export const ImportMapping = z.partialRecord(ImportField, z.string().min(1).max(100));
export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(ImportRowError),
  applied: z.boolean(),
});
export type ImportResult = z.infer<typeof ImportResult>;
