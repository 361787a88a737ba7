import { integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const assessmentAdjustments = pgTable('assessment_adjustments', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  assessmentKey: text('assessment_key').notNull(),
  subjectKey: text('subject_key').notNull(),
  points: numeric('points', { mode: 'number', precision: 6, scale: 2 }).notNull(),
  reason: text('reason').notNull(),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  withdrawnBy: integer('withdrawn_by'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnReason: text('withdrawn_reason'),
});
export type AssessmentAdjustmentRow = typeof assessmentAdjustments.$inferSelect;
