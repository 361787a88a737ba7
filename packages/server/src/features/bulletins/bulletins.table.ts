import { date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { BulletinKind } from '@tuanjian/domain';

export const bulletins = pgTable('bulletins', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  targetKey: text('target_key').notNull(),
  scopeOrgId: integer('scope_org_id').notNull(),
  kind: text('kind').$type<BulletinKind>().notNull(),
  number: integer('number').notNull(),
  periodKey: text('period_key').notNull(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  issuedOn: date('issued_on').notNull(),
  issuerName: text('issuer_name').notNull(),
  content: jsonb('content').notNull(),
  version: integer('version').notNull().default(0),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type BulletinRow = typeof bulletins.$inferSelect;
