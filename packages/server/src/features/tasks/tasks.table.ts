import { bigint, boolean, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { TaskStatus } from '@tuanjian/domain';

export const programTasks = pgTable('program_tasks', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  programId: integer('program_id').notNull(),
  number: integer('number').notNull(),
  ref: text('ref'),
  project: text('project'),
  text: text('text').notNull(),
  department: text('department').notNull(),
  person: text('person').notNull(),
  dueOn: date('due_on').notNull(),
  dueFromTemplate: boolean('due_from_template').notNull(),
  status: text('status').$type<TaskStatus>().notNull().default('not_started'),
  progress: integer('progress').notNull().default(0),
  version: integer('version').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type TaskRow = typeof programTasks.$inferSelect;

export const taskNotes = pgTable('task_notes', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  taskId: integer('task_id').notNull(),
  status: text('status').$type<TaskStatus>().notNull(),
  progress: integer('progress').notNull(),
  note: text('note').notNull(),
  evidenceIds: bigint('evidence_ids', { mode: 'number' }).array().notNull().default([]),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
