import { bigint, boolean, date, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const programTemplates = pgTable('program_templates', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  key: text('key').notNull(),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  source: text('source').notNull(),
  sourceHash: text('source_hash').notNull(),
  definition: jsonb('definition').notNull(),
  builtin: boolean('builtin').notNull().default(false),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type TemplateRow = typeof programTemplates.$inferSelect;

export const programs = pgTable('programs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  templateId: integer('template_id').notNull(),
  name: text('name').notNull(),
  issuerOrgId: integer('issuer_org_id').notNull(),
  scopeOrgId: integer('scope_org_id').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  docNumber: text('doc_number'),
  planText: text('plan_text'),
  verifiedOnly: boolean('verified_only').notNull().default(false),
  version: integer('version').notNull().default(0),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type ProgramRow = typeof programs.$inferSelect;

export const programRoles = pgTable('program_roles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  roleKey: text('role_key').notNull(),
  orgId: integer('org_id'),
  cadreId: integer('cadre_id'),
  departmentId: integer('department_id'),
  quotaParentId: integer('quota_parent_id'),
  status: text('status').notNull().default('nominated'),
  reviews: jsonb('reviews').notNull().default({}),
  standardResult: jsonb('standard_result'),
  reason: text('reason'),
  nominatedBy: integer('nominated_by'),
  decidedBy: integer('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  activeFrom: date('active_from'),
  activeTo: date('active_to'),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type ProgramRoleRow = typeof programRoles.$inferSelect;

export const records = pgTable('records', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  kind: text('kind').notNull(),
  orgId: integer('org_id').notNull(),
  /** The org's current path, kept by triggers (migration 0020); the default only lets inserts leave it out. */
  orgPath: text('org_path').notNull().default(sql`''`),
  placeOrgId: integer('place_org_id'),
  occurredOn: date('occurred_on').notNull(),
  days: numeric('days', { mode: 'number' }),
  peopleReached: integer('people_reached'),
  amount: numeric('amount', { mode: 'number' }),
  partnerOrgIds: integer('partner_org_ids').array().notNull().default([]),
  departmentId: integer('department_id'),
  cadreIds: integer('cadre_ids').array().notNull().default([]),
  deliverableKey: text('deliverable_key'),
  supersedesId: bigint('supersedes_id', { mode: 'number' }),
  reviewedBy: integer('reviewed_by'),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewReason: text('review_reason'),
  checkinTokenHash: text('checkin_token_hash'),
  checkinExpiresAt: timestamp('checkin_expires_at', { withTimezone: true }),
  fields: jsonb('fields').notNull().default({}),
  status: text('status').notNull().default('submitted'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(0),
});
export type RecordRow = typeof records.$inferSelect;

export const recordIdempotency = pgTable('record_idempotency', {
  userId: integer('user_id').notNull(),
  key: text('key').notNull(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const pairings = pgTable('pairings', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  modeKey: text('mode_key').notNull(),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const pairingMembers = pgTable('pairing_members', {
  pairingId: integer('pairing_id').notNull(),
  sideKey: text('side_key').notNull(),
  orgId: integer('org_id'),
  departmentId: integer('department_id'),
  cadreId: integer('cadre_id'),
});
