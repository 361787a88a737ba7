import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const spotCheckSamples = pgTable('spot_check_samples', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  scopeOrgId: integer('scope_org_id').notNull(),
  month: text('month').notNull(),
  target: text('target').notNull(),
  recordKind: text('record_kind').notNull(),
  seed: text('seed').notNull(),
  perStratum: integer('per_stratum').notNull(),
  populationCount: integer('population_count').notNull(),
  drawn: jsonb('drawn').notNull(),
  drawnAt: timestamp('drawn_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by'),
});
export type SpotCheckSampleRow = typeof spotCheckSamples.$inferSelect;

export const spotCheckFindings = pgTable('spot_check_findings', {
  sampleId: integer('sample_id').notNull(),
  itemId: text('item_id').notNull(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
});
