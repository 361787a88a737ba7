import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sealedText } from '../../crypto/sealed-column';

export const recordCheckins = pgTable('record_checkins', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
  name: text('name').notNull(),
  mobile: sealedText('mobile').notNull(),
  mobileHash: text('mobile_hash').notNull(),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
});
