import { date, integer, jsonb, pgTable, smallint, text, timestamp, primaryKey } from 'drizzle-orm/pg-core';
import { sealedText } from '../../crypto/sealed-column';

export const orgs = pgTable('orgs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  parentId: integer('parent_id'),
  path: text('path').notNull(),
  depth: smallint('depth').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  sector: text('sector'),
  level: text('level').notNull(),
  status: text('status').notNull().default('founded'),
  divisionCode: text('division_code'),
  foundedOn: date('founded_on'),
  dissolvedOn: date('dissolved_on'),
  mergedIntoId: integer('merged_into_id'),
  honors: text('honors').array().notNull().default([]),
  memberCount: integer('member_count'),
  termElectedOn: date('term_elected_on'),
  termDueOn: date('term_due_on'),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type OrgRow = typeof orgs.$inferSelect;

export const orgPaths = pgTable('org_paths', {
  orgId: integer('org_id').notNull(),
  parentId: integer('parent_id'),
  path: text('path').notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
}, (t) => [primaryKey({ columns: [t.orgId, t.validFrom] })]);

export const orgEvents = pgTable('org_events', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  kind: text('kind').notNull(),
  effectiveOn: date('effective_on').notNull(),
  details: jsonb('details').notNull().default({}),
  actorId: integer('actor_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const orgLeaders = pgTable('org_leaders', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  orgId: integer('org_id').notNull(),
  position: text('position').notNull(),
  name: text('name').notNull(),
  mobile: sealedText('mobile'),
  mobileHash: text('mobile_hash'),
  sort: smallint('sort').notNull().default(0),
});
