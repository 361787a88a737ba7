import { z } from 'zod';
import { CivilDate, Id, PageQuery, page } from './common';

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

export const HOLDER_TYPES = ['org', 'department', 'cadre'] as const;
/** An org, a department of a committee or a named cadre: who holds a role or sits on a pairing side. */
export const HolderRef = z.object({ type: z.enum(HOLDER_TYPES), id: Id });
export const HolderView = z.object({ type: z.enum(HOLDER_TYPES), id: z.number().int(), name: z.string() });

/** The issuing committee names a holder directly (its departments, its cadres, the cities it pairs). */
export const HolderAssign = z.object({
  roleKey: z.string().min(1).max(64),
  holder: HolderRef,
  activeFrom: CivilDate.nullable().optional(),
  activeTo: CivilDate.nullable().optional(),
});
export const HolderWithdraw = z.object({ version: z.number().int().min(0), reason: z.string().trim().min(1).max(500) });

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
  holder: HolderView,
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
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
  /** The department the record was done for (S2.3, S3.2); defaults to the cadres' common department. */
  departmentId: Id.optional(),
  /** The cadres who took part, each credited (S3.2 days per cadre). */
  cadreIds: z.array(Id).max(50).optional(),
  /** The deliverable this record hands in (S1.8, S2.5, S3.6). */
  deliverableKey: z.string().min(1).max(64).optional(),
  /** A draft keeps what was typed so far; it counts for nothing until submitted. */
  status: z.enum(['draft', 'submitted']).optional(),
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
  departmentId: z.number().int().nullable(),
  cadreIds: z.array(z.number().int()),
  deliverableKey: z.string().nullable(),
  status: z.string(),
  version: z.number().int(),
  supersedesId: z.number().int().nullable(),
  reviewReason: z.string().nullable(),
  /** The kind's own fields as typed, so that a draft or a returned record can be opened again and finished. */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const RecordReview = z.object({
  decision: z.enum(['verify', 'return']),
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().min(0),
});
/** Changes to a record; after verification they make a new version that awaits verification again. */
export const RecordUpdate = RecordCreate.omit({ kind: true, orgId: true, status: true }).partial().extend({ version: z.number().int().min(0) });
export const RECORD_STATUSES = ['draft', 'submitted', 'verified', 'returned', 'superseded'] as const;
/**
 * A page of a program's records in the reader's scope, newest first. `ids` opens the records behind a
 * computed figure; `orgId` narrows to one org's subtree.
 */
export const RecordListQuery = PageQuery.extend({
  ids: z.string().regex(/^\d{1,12}(,\d{1,12}){0,499}$/, { error: '记录编号应为逗号分隔的数字，最多 500 个' }).optional(),
  orgId: Id.optional(),
  kind: z.string().min(1).max(64).optional(),
  status: z.enum(RECORD_STATUSES).optional(),
});
export const RecordList = page(ProgramRecord);
/** The records a write changed (the saved one, and the version it superseded) and which one the request made. */
export const RecordChanged = z.object({ items: z.array(ProgramRecord), savedId: z.number().int() });
export const RecordSaved = RecordChanged;

export const COMPLIANCE_STATES = ['met', 'partly', 'missed', 'upcoming', 'not_applicable'] as const;
export const ComplianceQuery = z.object({ obligation: z.string().min(1).max(64) });
export const ComplianceCell = z.object({ periodKey: z.string(), state: z.enum(COMPLIANCE_STATES), done: z.number(), required: z.number(), closes: z.string().nullable(), recordIds: z.array(z.string()) });
export const ComplianceMatrix = z.object({
  obligation: z.object({ id: z.string(), name: z.string(), ref: z.string(), min: z.number(), measure: z.string(), period: z.string() }),
  periods: z.array(z.object({ key: z.string(), start: z.string(), end: z.string() })),
  rows: z.array(z.object({
    /** 'org:12', 'department:3', 'cadre:7' */
    subjectKey: z.string(),
    subject: HolderView,
    subjectName: z.string(),
    cells: z.array(ComplianceCell),
  })),
});

export const RISKS = ['overdue', 'at_risk'] as const;
export const RiskItem = z.object({
  source: z.enum(['obligation', 'deliverable']),
  itemId: z.string(),
  itemName: z.string(),
  ref: z.string(),
  subjectKey: z.string(),
  subject: HolderView,
  subjectName: z.string(),
  periodKey: z.string(),
  /** When the period (or the deliverable's deadline) closes or closed. */
  closes: z.string().nullable(),
  done: z.number(),
  required: z.number(),
  risk: z.enum(RISKS),
  recordIds: z.array(z.string()),
});
export const RiskQuery = z.object({ soonDays: z.coerce.number().int().min(0).max(60).default(7) });
export const RiskList = z.object({ today: z.string(), items: z.array(RiskItem) });

export const DELIVERABLE_STATES = ['met', 'late', 'missed', 'upcoming', 'due_soon'] as const;
export const DeliverableStatus = z.object({
  deliverable: z.object({ id: z.string(), name: z.string(), ref: z.string(), count: z.number().int(), recordKind: z.string().nullable() }),
  rows: z.array(z.object({
    subjectKey: z.string(),
    subject: HolderView,
    subjectName: z.string(),
    cells: z.array(z.object({ periodKey: z.string(), due: z.string().nullable(), state: z.enum(DELIVERABLE_STATES), done: z.number(), required: z.number(), daysLate: z.number(), recordIds: z.array(z.string()) })),
  })),
});
export const DeliverableStatusList = z.object({ items: z.array(DeliverableStatus) });

export const PairingCreate = z.object({
  modeKey: z.string().min(1).max(64),
  /** side id → who is on that side: org ids, or typed references for departments and cadres */
  members: z.record(z.string().max(64), z.array(z.union([Id, HolderRef])).min(1).max(50)),
});
export const Pairing = z.object({
  id: z.number().int(),
  modeKey: z.string(),
  modeName: z.string(),
  sides: z.array(z.object({ sideKey: z.string(), sideName: z.string(), members: z.array(HolderView) })),
});
export const PairingList = z.object({ items: z.array(Pairing) });

export const PairingImportResult = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  pairings: z.number().int(),
  holdersAssigned: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() })),
});
/** S3.1: the assignment table written in the template, applied to this program. */
export const AssignmentsApply = z.object({
  index: z.number().int().min(0).max(20).default(0),
  dryRun: z.boolean().default(false),
  /** Departments the table names but the registry lacks are created under the issuing committee. */
  createMissingDepartments: z.boolean().default(false),
});
