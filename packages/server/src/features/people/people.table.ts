import { boolean, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sealedText } from '../../crypto/sealed-column';

export const departments = pgTable('departments', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cadres = pgTable('cadres', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  departmentId: integer('department_id'),
  name: text('name').notNull(),
  position: text('position'),
  mobile: sealedText('mobile'),
  mobileHash: text('mobile_hash'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type CadreRow = typeof cadres.$inferSelect;
