import dayjs, { type Dayjs } from 'dayjs';
import type { ProgramRecord, RecordCreate, TemplateRecordKind } from '../../api/programs';
import type { RecordUpdate } from '../../api/records';
import { apiFields, formFields, type FieldValue } from './recordFields';

/** The record form's values (antd Form); the stored draft is the same with dates as strings. */
export type RecordValues = {
  kind: string;
  orgId?: number;
  occurredOn?: Dayjs;
  days?: number;
  peopleReached?: number;
  amount?: number;
  partnerOrgId?: number;
  departmentId?: number;
  cadreIds?: number[];
  deliverableKey?: string;
  fields?: Record<string, FieldValue>;
};

/** What the API receives: only the quantities and links the kind has. */
export function recordBody(v: RecordValues, kind: TemplateRecordKind, status: 'draft' | 'submitted'): RecordCreate {
  const quantities = new Set(kind.quantities ?? []);
  return {
    kind: kind.id,
    orgId: v.orgId!,
    occurredOn: (v.occurredOn ?? dayjs()).format('YYYY-MM-DD'),
    status,
    fields: apiFields(kind, v.fields),
    ...(quantities.has('days') && v.days != null ? { days: v.days } : {}),
    ...(quantities.has('peopleReached') && v.peopleReached != null ? { peopleReached: v.peopleReached } : {}),
    ...(quantities.has('amount') && v.amount != null ? { amount: v.amount } : {}),
    ...(kind.withPartner && v.partnerOrgId ? { partnerOrgIds: [v.partnerOrgId] } : {}),
    ...(kind.byDepartment && v.departmentId ? { departmentId: v.departmentId } : {}),
    ...(kind.byCadres && v.cadreIds?.length ? { cadreIds: v.cadreIds } : {}),
    ...(v.deliverableKey ? { deliverableKey: v.deliverableKey } : {}),
  };
}

/** An edit sends what the form holds; a head count kept by QR check-in is left to the check-ins. */
export function recordUpdate(v: RecordValues, kind: TemplateRecordKind, record: ProgramRecord): RecordUpdate {
  const { kind: _kind, orgId: _org, status: _status, ...rest } = recordBody({ ...v, orgId: record.orgId }, kind, 'submitted');
  if (rest.peopleReached === (record.peopleReached ?? undefined)) delete rest.peopleReached;
  return { ...rest, ...(kind.withPartner ? { partnerOrgIds: rest.partnerOrgIds ?? [] } : {}), version: record.version };
}

/** A saved record opened in the form again (a draft to finish, a returned record to correct). */
export function valuesOfRecord(r: ProgramRecord, kind: TemplateRecordKind | undefined): RecordValues {
  return {
    kind: r.kind,
    orgId: r.orgId,
    occurredOn: dayjs(r.occurredOn),
    days: r.days ?? undefined,
    peopleReached: r.peopleReached ?? undefined,
    amount: r.amount ?? undefined,
    partnerOrgId: r.partnerOrgIds[0],
    departmentId: r.departmentId ?? undefined,
    cadreIds: r.cadreIds.length ? r.cadreIds : undefined,
    deliverableKey: r.deliverableKey ?? undefined,
    fields: formFields(kind, r.fields),
  };
}

/** A draft read back from the browser's storage. */
export function valuesOfStored(stored: Record<string, unknown>, kinds: TemplateRecordKind[]): RecordValues {
  const kind = kinds.find((k) => k.id === stored.kind);
  const date = typeof stored.occurredOn === 'string' ? dayjs(stored.occurredOn) : undefined;
  return { ...(stored as RecordValues), occurredOn: date?.isValid() ? date : undefined, fields: formFields(kind, stored.fields as Record<string, unknown> | undefined) };
}
