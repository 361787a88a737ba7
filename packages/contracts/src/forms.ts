import { z } from 'zod';
import { CivilDate, Id } from './common';

export const FORM_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export const FormStatus = z.enum(FORM_STATUSES);
export const FORM_TIMELINESS = ['on_time', 'late', 'overdue', 'pending'] as const;

/** 'org-12' or 'department-3': the reporter a form belongs to, in a URL. */
export const ReporterParam = z.string().regex(/^(org|department)-[1-9]\d{0,8}$/, { error: '填报单位应写作 org-编号 或 department-编号' });
export const FormParams = z.object({ id: Id, formKey: z.string().min(1).max(100), period: z.string().min(1).max(20) });
export const FormReportParams = FormParams.extend({ reporter: ReporterParam });

export const FormPeriodView = z.object({ key: z.string(), start: z.string(), end: z.string(), due: z.string(), locksAfter: z.string().nullable() });
export const FormColumnView = z.object({
  id: z.string(),
  label: z.string(),
  group: z.string().nullable(),
  source: z.enum(['computed', 'attribute', 'typed']),
  typedType: z.string().nullable(),
  /** Why the column is typed: nothing in the records or the registry gives it. */
  typedReason: z.string().nullable(),
  width: z.number().int().nullable(),
});
export const FormSummary = z.object({
  id: z.string(),
  ref: z.string(),
  name: z.string(),
  title: z.string(),
  attachment: z.string().nullable(),
  periodType: z.string(),
  approver: z.enum(['parent', 'issuer']),
  columns: z.array(FormColumnView),
  periods: z.array(FormPeriodView),
});
export const FormList = z.object({ items: z.array(FormSummary) });

const CellValue = z.union([z.number(), z.string()]).nullable();
export const FormCellView = z.object({
  key: z.string(),
  column: z.string(),
  source: z.enum(['computed', 'attribute', 'typed']),
  value: CellValue,
  figures: z.object({ reported: z.number().nullable(), verified: z.number().nullable(), spotChecked: z.number().nullable() }).nullable(),
  counts: z.enum(['reported', 'verified']).nullable(),
  recordIds: z.array(z.number().int()),
  editable: z.boolean(),
  typedBy: z.string().nullable(),
  typedAt: z.string().nullable(),
});
export const FormRowView = z.object({ key: z.string(), label: z.string(), kind: z.enum(['subjects', 'record', 'fixed', 'total']), cells: z.array(FormCellView) });
export const FormChange = z.object({
  cellKey: z.string(), rowKey: z.string(), column: z.string(), before: CellValue, after: CellValue,
  addedRecordIds: z.array(z.number().int()), removedRecordIds: z.array(z.number().int()),
});
export const ReporterView = z.object({ key: z.string(), param: z.string(), name: z.string(), orgId: z.number().int() });

export const FormReport = z.object({
  programId: z.number().int(),
  form: FormSummary.omit({ periods: true }).extend({
    rowHeader: z.string().nullable(), stampLabel: z.string(), dateLabel: z.string(), notes: z.array(z.string()),
    footer: z.array(FormColumnView),
  }),
  period: FormPeriodView,
  reporter: ReporterView,
  status: FormStatus,
  version: z.number().int(),
  notes: z.string().nullable(),
  returnReason: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  timeliness: z.enum(FORM_TIMELINESS),
  entryOpen: z.boolean(),
  exceptionUntil: z.string().nullable(),
  rows: z.array(FormRowView),
  footer: z.array(FormCellView),
  /** After approval: the cells whose records changed since, against the approval's snapshot. */
  changes: z.array(FormChange),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), reopen: z.boolean(), grantException: z.boolean() }),
});

export const FormTypedUpdate = z.object({
  version: z.number().int().min(0),
  cells: z.record(z.string().max(200), z.union([z.number(), z.string().max(2000)]).nullable()).optional(),
  notes: z.string().max(5000).nullable().optional(),
});
export const FormVersion = z.object({ version: z.number().int().min(0) });
export const FormDecision = z.object({ version: z.number().int().min(0), reason: z.string().trim().max(500).optional() });
export const FormException = z.object({ until: CivilDate, reason: z.string().trim().min(1).max(500) });

export const ReportingRate = z.object({
  expected: z.number().int(), actual: z.number().int(), onTime: z.number().int(), overdue: z.number().int(),
  completeness: z.number().nullable(), onTimeRate: z.number().nullable(),
});
export const FormPeriodStatus = z.object({
  form: FormSummary.omit({ periods: true, columns: true }),
  period: FormPeriodView,
  under: z.object({ id: z.number().int(), name: z.string() }),
  rate: ReportingRate,
  /** Per org directly below `under` (or `under` itself for its own report): the subtree's rate. */
  groups: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), rate: ReportingRate })),
  reporters: z.array(ReporterView.extend({ status: FormStatus, timeliness: z.enum(FORM_TIMELINESS), firstSubmittedAt: z.string().nullable(), version: z.number().int() })),
});
export const FormStatusQuery = z.object({ under: Id.optional() });

export const FormOverdueList = z.object({
  today: z.string(),
  items: z.array(z.object({
    formId: z.string(), formName: z.string(), ref: z.string(), periodKey: z.string(), due: z.string(), daysOverdue: z.number().int(),
    reporter: ReporterView, status: FormStatus,
  })),
});

export const FormCellQuery = z.object({ row: z.string().min(1).max(200), column: z.string().min(1).max(100) });
export const FormCellDetail = z.object({
  key: z.string(),
  rowLabel: z.string(),
  columnLabel: z.string(),
  source: z.enum(['computed', 'attribute', 'typed']),
  value: CellValue,
  figures: FormCellView.shape.figures,
  counts: FormCellView.shape.counts,
  records: z.array(z.object({
    id: z.number().int(), kind: z.string(), kindName: z.string(), orgId: z.number().int(), orgName: z.string(), occurredOn: z.string(),
    status: z.string(), amount: z.number().nullable(), peopleReached: z.number().nullable(), days: z.number().nullable(),
    partnerOrgIds: z.array(z.number().int()), fields: z.record(z.string(), z.unknown()), evidenceIds: z.array(z.number().int()),
  })),
  holders: z.array(z.object({ key: z.string(), name: z.string() })),
  typedBy: z.string().nullable(),
  typedAt: z.string().nullable(),
});
