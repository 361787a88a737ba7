import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const formReports = pgTable('form_reports', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  formKey: text('form_key').notNull(),
  periodKey: text('period_key').notNull(),
  reporterKey: text('reporter_key').notNull(),
  reporterOrgId: integer('reporter_org_id').notNull(),
  status: text('status').notNull().default('draft'),
  typed: jsonb('typed').notNull().default({}),
  notes: text('notes'),
  firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  submittedBy: integer('submitted_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decidedBy: integer('decided_by'),
  returnReason: text('return_reason'),
  snapshot: jsonb('snapshot'),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type FormReportRow = typeof formReports.$inferSelect;

export const formExceptions = pgTable('form_exceptions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  formKey: text('form_key').notNull(),
  periodKey: text('period_key').notNull(),
  reporterKey: text('reporter_key').notNull(),
  openUntil: date('open_until').notNull(),
  reason: text('reason').notNull(),
  grantedBy: integer('granted_by'),
  grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
});
