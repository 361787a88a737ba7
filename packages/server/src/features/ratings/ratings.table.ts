import { integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const starRatings = pgTable('star_ratings', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  standardKey: text('standard_key').notNull(),
  orgId: integer('org_id').notNull(),
  status: text('status').$type<'self_scored' | 'reviewed' | 'returned'>().notNull(),
  selfScores: jsonb('self_scores').$type<Record<string, number>>().notNull(),
  selfTotal: numeric('self_total', { mode: 'number', precision: 6, scale: 2 }).notNull(),
  selfBy: integer('self_by').notNull(),
  selfAt: timestamp('self_at', { withTimezone: true }).notNull(),
  evidenceRecordIds: integer('evidence_record_ids').array().notNull().default([]),
  reviewedScores: jsonb('reviewed_scores').$type<Record<string, number>>(),
  reviewedTotal: numeric('reviewed_total', { mode: 'number', precision: 6, scale: 2 }),
  reviewBy: integer('review_by'),
  reviewAt: timestamp('review_at', { withTimezone: true }),
  returnReason: text('return_reason'),
  version: integer('version').notNull().default(0),
});
export type StarRatingRow = typeof starRatings.$inferSelect;
