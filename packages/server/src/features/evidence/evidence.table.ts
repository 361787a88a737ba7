import { bigint, bit, doublePrecision, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export interface EvidenceWarning {
  code: 'exif_date_mismatch';
  message: string;
}

export const evidence = pgTable('evidence', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  recordId: bigint('record_id', { mode: 'number' }).notNull(),
  storageKey: text('storage_key').notNull(),
  thumbnailKey: text('thumbnail_key'),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  category: text('category').$type<'image' | 'document'>().notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  imageHash: bit('image_hash', { dimensions: 64 }),
  width: integer('width'),
  height: integer('height'),
  exifTakenAt: text('exif_taken_at'),
  exifLatitude: doublePrecision('exif_latitude'),
  exifLongitude: doublePrecision('exif_longitude'),
  warnings: jsonb('warnings').$type<EvidenceWarning[]>().notNull().default([]),
  duplicateKind: text('duplicate_kind').$type<'identical' | 'similar'>(),
  duplicateOfRecordId: bigint('duplicate_of_record_id', { mode: 'number' }),
  duplicateOfEvidenceId: bigint('duplicate_of_evidence_id', { mode: 'number' }),
  duplicateDistance: integer('duplicate_distance'),
  uploadedBy: integer('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});
export type EvidenceRow = typeof evidence.$inferSelect;
