import { boolean, date, integer, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const targetSplits = pgTable('target_splits', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  targetKey: text('target_key').notNull(),
  parentOrgId: integer('parent_org_id').notNull(),
  total: integer('total').notNull(),
  method: text('method').$type<'equal' | 'weight' | 'key_area' | 'hand'>().notNull(),
  basis: text('basis').$type<'equal' | 'villages' | 'imported'>(),
  keyMultiplier: numeric('key_multiplier', { mode: 'number' }),
  version: integer('version').notNull().default(0),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type TargetSplitRow = typeof targetSplits.$inferSelect;

export const targetParts = pgTable('target_parts', {
  splitId: integer('split_id').notNull(),
  programId: integer('program_id').notNull(),
  targetKey: text('target_key').notNull(),
  orgId: integer('org_id').notNull(),
  amount: integer('amount').notNull(),
  weight: numeric('weight', { mode: 'number' }),
  keyArea: boolean('key_area').notNull().default(false),
}, (t) => [primaryKey({ columns: [t.splitId, t.orgId] })]);
export type TargetPartRow = typeof targetParts.$inferSelect;

export const targetSnapshots = pgTable('target_snapshots', {
  programId: integer('program_id').notNull(),
  targetKey: text('target_key').notNull(),
  orgId: integer('org_id').notNull(),
  onDate: date('on_date').notNull(),
  actual: integer('actual').notNull(),
  target: integer('target'),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.programId, t.targetKey, t.orgId, t.onDate] })]);
