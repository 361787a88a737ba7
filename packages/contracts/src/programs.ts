import { z } from 'zod';
import { CivilDate, Id } from './common';

export const TemplateSummary = z.object({
  id: z.number().int(),
  key: z.string(),
  version: z.number().int(),
  name: z.string(),
  builtin: z.boolean(),
  refs: z.array(z.string()),
  createdAt: z.string(),
});
export const TemplateList = z.object({ items: z.array(TemplateSummary) });
export const TemplateDetail = TemplateSummary.extend({ source: z.string(), definition: z.record(z.string(), z.unknown()) });

export const TemplateSource = z.object({ yaml: z.string().min(1).max(1_000_000) });
export const TemplateValidation = z.object({
  ok: z.boolean(),
  key: z.string().nullable(),
  version: z.number().int().nullable(),
  errors: z.array(z.object({ path: z.string(), line: z.number().int().nullable(), message: z.string() })),
});

export const ProgramCreate = z.object({
  templateId: Id,
  issuerOrgId: Id,
  scopeOrgId: Id,
  /** The program's year (for yearly or dated templates); or an explicit window. */
  year: z.number().int().min(2000).max(2100).optional(),
  startsOn: CivilDate.optional(),
  endsOn: CivilDate.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  docNumber: z.string().trim().max(100).nullable().optional(),
  planText: z.string().max(200_000).nullable().optional(),
});
export const Program = z.object({
  id: z.number().int(),
  templateId: z.number().int(),
  templateKey: z.string(),
  name: z.string(),
  issuerOrgId: z.number().int(),
  issuerOrgName: z.string(),
  scopeOrgId: z.number().int(),
  scopeOrgName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  docNumber: z.string().nullable(),
  verifiedOnly: z.boolean(),
  version: z.number().int(),
});
export const ProgramList = z.object({ items: z.array(Program) });

export const NOMINATION_STATUSES = ['nominated', 'approved', 'returned', 'withdrawn'] as const;
export const Review = z.object({ passed: z.boolean(), reason: z.string().trim().max(500).optional() });
export const NominationCreate = z.object({
  roleKey: z.string().min(1).max(64),
  orgId: Id,
  reviews: z.record(z.string().max(64), Review).optional(),
});
export const NominationDecision = z.object({
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().max(500).optional(),
  reviews: z.record(z.string().max(64), Review).optional(),
  version: z.number().int().min(0),
});
export const Nomination = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  roleKey: z.string(),
  roleName: z.string(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  quotaParentId: z.number().int().nullable(),
  quotaParentName: z.string().nullable(),
  status: z.enum(NOMINATION_STATUSES),
  reason: z.string().nullable(),
  standard: z.object({
    items: z.array(z.object({ id: z.string(), mandatory: z.boolean(), passed: z.boolean().nullable(), reason: z.string() })),
    mandatoryFailed: z.array(z.string()),
    approvable: z.boolean(),
  }).nullable(),
  version: z.number().int(),
});
export const NominationList = z.object({ items: z.array(Nomination) });

export const RecordCreate = z.object({
  kind: z.string().min(1).max(64),
  orgId: Id,
  placeOrgId: Id.optional(),
  occurredOn: CivilDate,
  days: z.number().min(0).max(366).optional(),
  peopleReached: z.number().int().min(0).max(1_000_000).optional(),
  amount: z.number().min(0).max(1e12).optional(),
  partnerOrgIds: z.array(Id).max(20).optional(),
  fields: z.record(z.string().max(64), z.union([z.string().max(5000), z.number(), z.boolean(), z.null()])).optional(),
});
export const ProgramRecord = z.object({
  id: z.number().int(),
  kind: z.string(),
  kindName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  occurredOn: z.string(),
  days: z.number().nullable(),
  peopleReached: z.number().int().nullable(),
  amount: z.number().nullable(),
  partnerOrgIds: z.array(z.number().int()),
  status: z.string(),
});
export const RecordList = z.object({ items: z.array(ProgramRecord) });

export const COMPLIANCE_STATES = ['met', 'partly', 'missed', 'upcoming', 'not_applicable'] as const;
export const ComplianceQuery = z.object({ obligation: z.string().min(1).max(64) });
export const ComplianceMatrix = z.object({
  obligation: z.object({ id: z.string(), name: z.string(), ref: z.string(), min: z.number(), measure: z.string(), period: z.string() }),
  periods: z.array(z.object({ key: z.string(), start: z.string(), end: z.string() })),
  rows: z.array(z.object({
    subjectId: z.number().int(),
    subjectName: z.string(),
    cells: z.array(z.object({ periodKey: z.string(), state: z.enum(COMPLIANCE_STATES), done: z.number(), required: z.number(), recordIds: z.array(z.string()) })),
  })),
});

export const PairingCreate = z.object({
  modeKey: z.string().min(1).max(64),
  /** side id → the orgs on that side */
  members: z.record(z.string().max(64), z.array(Id).min(1).max(50)),
});
export const Pairing = z.object({
  id: z.number().int(),
  modeKey: z.string(),
  modeName: z.string(),
  sides: z.array(z.object({ sideKey: z.string(), sideName: z.string(), orgs: z.array(z.object({ id: z.number().int(), name: z.string() })) })),
});
export const PairingList = z.object({ items: z.array(Pairing) });
