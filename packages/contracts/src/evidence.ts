import { z } from 'zod';

/** Evidence (佐证材料): a photo or document attached to a record, with what was learnt from its bytes. */
export const EvidenceWarning = z.object({ code: z.string(), message: z.string() });

export const EvidenceDuplicate = z.object({
  /** identical: the same bytes (sha256); similar: the same picture re-encoded or resized (image hash). */
  kind: z.enum(['identical', 'similar']),
  /** The other record; null when it lies outside the caller's scope (the flag still shows). */
  recordId: z.number().int().nullable(),
  evidenceId: z.number().int().nullable(),
  /** Hamming distance of the 64-bit image hashes; 0 for identical bytes. */
  distance: z.number().int(),
  message: z.string(),
});

export const Evidence = z.object({
  id: z.number().int(),
  recordId: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  category: z.enum(['image', 'document']),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  hasThumbnail: z.boolean(),
  /** Camera wall-clock time 'YYYY-MM-DD HH:MM:SS' (EXIF carries no time zone). */
  exifTakenAt: z.string().nullable(),
  exifLatitude: z.number().nullable(),
  exifLongitude: z.number().nullable(),
  warnings: z.array(EvidenceWarning),
  duplicateOf: EvidenceDuplicate.nullable(),
  uploadedAt: z.string(),
  downloadUrl: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const EvidenceList = z.object({
  /** What the record itself says, shown beside each photo's EXIF time and place. */
  record: z.object({
    id: z.number().int(),
    occurredOn: z.string(),
    placeName: z.string().nullable(),
    orgName: z.string(),
    status: z.string(),
  }),
  limits: z.object({ maxFileBytes: z.number().int(), maxImages: z.number().int(), maxFiles: z.number().int() }),
  /** May the caller attach and delete here (record.create on the record's org and the record not yet verified)? */
  canChange: z.boolean(),
  items: z.array(Evidence),
});
export type EvidenceList = z.infer<typeof EvidenceList>;
