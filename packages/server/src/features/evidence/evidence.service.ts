import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Evidence, EvidenceList } from '@tuanjian/contracts';
import { eq } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, inScope, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../http/errors';
import type { ObjectStore } from '../../storage/object-store';
import { inspect } from './evidence.content';
import { EVIDENCE_LIMITS, exifDateWarning, storedFileName } from './evidence.fns';
import { countEvidence, evidenceOf, findEvidence, findIdenticalElsewhere, findRecordForEvidence, findSimilarElsewhere, recordPaths, type RecordForEvidence } from './evidence.queries';
import { evidence, type EvidenceRow } from './evidence.table';

export interface EvidenceDeps {
  db: Db;
  storage: ObjectStore;
}

/** Seen by those whose scope holds the record's org, and by the issuing committee of its program. */
const visibleTo = (actor: Actor, r: { orgPath: string; issuerPath: string }) => inScope(actor, r.orgPath) || inScope(actor, r.issuerPath);

async function recordForRead(db: Db, actor: Actor, recordId: number) {
  const record = await findRecordForEvidence(db, recordId);
  if (!record || !visibleTo(actor, record)) throw new NotFoundError('记录不存在或不在您的管理范围内');
  authorize(actor, 'org.read');
  return record;
}

/** Attaching and removing evidence is part of filling in the record: who may create it for that org. */
function assertChangeable(actor: Actor, record: RecordForEvidence | null): asserts record is RecordForEvidence {
  if (!record) throw new NotFoundError('记录不存在或不在您的管理范围内');
  authorize(actor, 'record.create', record.orgPath);
  if (record.status === 'verified') throw new BadRequestError('记录已核实，佐证材料不能再增删', [{ path: 'params.id', message: '记录已核实' }]);
}

/** Checked before the upload is read, so that nobody without the right streams 10 MB for nothing. */
export async function checkCanAttach(db: Db, actor: Actor, recordId: number) {
  assertChangeable(actor, await findRecordForEvidence(db, recordId));
}

function assertWithinLimits(counts: { files: number; images: number }, category: 'image' | 'document') {
  const { maxFilesPerRecord, maxImagesPerRecord } = EVIDENCE_LIMITS;
  if (counts.files >= maxFilesPerRecord) throw new BadRequestError(`每条记录最多上传 ${maxFilesPerRecord} 个文件`, [{ path: 'body.file', message: '文件数已达上限' }]);
  if (category === 'image' && counts.images >= maxImagesPerRecord) throw new BadRequestError(`每条记录最多上传 ${maxImagesPerRecord} 张照片`, [{ path: 'body.file', message: '照片数已达上限' }]);
}

/** S3.8 / S4.8: evidence that makes a record checkable — typed by content, digested, EXIF read, duplicates flagged. */
export async function uploadEvidence(deps: EvidenceDeps, ctx: AuditContext, actor: Actor, recordId: number, file: { bytes: Buffer; fileName?: string }) {
  const { db, storage } = deps;
  const before = await findRecordForEvidence(db, recordId);
  assertChangeable(actor, before);
  const info = await inspect(file.bytes);
  assertWithinLimits(await countEvidence(db, recordId), info.type.category);

  const base = `evidence/${recordId}/${randomUUID()}`;
  const storageKey = `${base}.${info.type.ext}`;
  const thumbnailKey = info.thumbnail ? `${base}.thumb.jpg` : null;
  // Bytes first, row second: a committed row always has its file; a failed transaction removes the bytes.
  await storage.put(storageKey, file.bytes);
  if (thumbnailKey) await storage.put(thumbnailKey, info.thumbnail!);
  try {
    return await db.transaction(async (tx) => {
      // The row lock serialises uploads to one record, so two at once cannot both take the last place.
      const record = await findRecordForEvidence(tx, recordId, true);
      assertChangeable(actor, record);
      assertWithinLimits(await countEvidence(tx, recordId), info.type.category);
      const identical = await findIdenticalElsewhere(tx, info.sha256, recordId);
      const similar = !identical && info.imageHash
        ? await findSimilarElsewhere(tx, info.imageHash, recordId, EVIDENCE_LIMITS.nearDuplicateDistance) : null;
      const dateWarning = exifDateWarning(info.exifTakenAt, record.occurredOn);
      const [row] = await tx.insert(evidence).values({
        recordId, storageKey, thumbnailKey, fileName: storedFileName(file.fileName, info.type.ext),
        mediaType: info.type.mime, category: info.type.category, sizeBytes: file.bytes.length, sha256: info.sha256,
        imageHash: info.imageHash, width: info.width, height: info.height,
        exifTakenAt: info.exifTakenAt, exifLatitude: info.exifLatitude, exifLongitude: info.exifLongitude,
        warnings: dateWarning ? [dateWarning] : [],
        duplicateKind: identical ? 'identical' : similar ? 'similar' : null,
        duplicateOfRecordId: (identical ?? similar)?.recordId ?? null,
        duplicateOfEvidenceId: (identical ?? similar)?.id ?? null,
        duplicateDistance: identical ? 0 : similar ? similar.distance : null,
        uploadedBy: actor.userId, uploadedAt: ctx.now(),
      }).returning();
      await audit(tx, ctx, { action: 'evidence.create', objectType: 'evidence', objectId: row!.id, after: { ...row!, imageHash: undefined } });
      return row!.id;
    });
  } catch (err) {
    await Promise.all([storage.delete(storageKey), thumbnailKey ? storage.delete(thumbnailKey) : null]).catch(() => {});
    throw err;
  }
}

function duplicateMessage(row: EvidenceRow, named: boolean) {
  const other = named ? `记录 #${row.duplicateOfRecordId}` : '您管理范围外的另一条记录';
  return row.duplicateKind === 'identical'
    ? `与${other}的佐证材料完全相同`
    : `与${other}的照片高度相似（64 位图像指纹相差 ${row.duplicateDistance} 位）`;
}

export function presentEvidence(row: EvidenceRow, namedRecords: Set<number>): Evidence {
  const named = row.duplicateOfRecordId !== null && namedRecords.has(row.duplicateOfRecordId);
  return {
    id: row.id, recordId: row.recordId, fileName: row.fileName, mediaType: row.mediaType, category: row.category,
    sizeBytes: row.sizeBytes, sha256: row.sha256, width: row.width, height: row.height, hasThumbnail: row.thumbnailKey !== null,
    exifTakenAt: row.exifTakenAt, exifLatitude: row.exifLatitude, exifLongitude: row.exifLongitude, warnings: row.warnings,
    // The reviewer learns the other record's number only when it lies in their own scope.
    duplicateOf: row.duplicateKind && row.duplicateOfRecordId !== null ? {
      kind: row.duplicateKind, recordId: named ? row.duplicateOfRecordId : null, evidenceId: named ? row.duplicateOfEvidenceId : null,
      distance: row.duplicateDistance ?? 0, message: duplicateMessage(row, named),
    } : null,
    uploadedAt: row.uploadedAt.toISOString(),
    downloadUrl: `/api/evidence/${row.id}`,
    thumbnailUrl: row.thumbnailKey ? `/api/evidence/${row.id}/thumbnail` : null,
  };
}

export async function listEvidence(db: Db, actor: Actor, recordId: number): Promise<EvidenceList> {
  const record = await recordForRead(db, actor, recordId);
  const rows = await evidenceOf(db, recordId);
  const others = [...new Set(rows.map((r) => r.duplicateOfRecordId).filter((x): x is number => x !== null))];
  const named = new Set((await recordPaths(db, others)).filter((r) => visibleTo(actor, r)).map((r) => r.id));
  return {
    record: { id: record.id, occurredOn: record.occurredOn, placeName: record.placeName, orgName: record.orgName, status: record.status },
    limits: { maxFileBytes: EVIDENCE_LIMITS.maxFileBytes, maxImages: EVIDENCE_LIMITS.maxImagesPerRecord, maxFiles: EVIDENCE_LIMITS.maxFilesPerRecord },
    canChange: record.status !== 'verified' && inScope(actor, record.orgPath) && can(actor, 'record.create'),
    items: rows.map((r) => presentEvidence(r, named)),
  };
}

export async function presentOne(db: Db, actor: Actor, id: number): Promise<Evidence> {
  const list = await listEvidence(db, actor, (await evidenceInScope(db, actor, id)).recordId);
  return list.items.find((x) => x.id === id)!;
}

async function evidenceInScope(db: Db, actor: Actor, id: number) {
  const row = await findEvidence(db, id);
  if (!row) throw new NotFoundError('佐证材料不存在或不在您的管理范围内');
  await recordForRead(db, actor, row.recordId).catch((e: unknown) => {
    throw e instanceof ForbiddenError ? e : new NotFoundError('佐证材料不存在或不在您的管理范围内');
  });
  return row;
}

/** The file or its thumbnail, only for those who may see the record (404 otherwise). */
export async function openEvidence(deps: EvidenceDeps, actor: Actor, id: number, part: 'file' | 'thumbnail'): Promise<{ body: Readable; mediaType: string; fileName: string; sizeBytes: number | null }> {
  const row = await evidenceInScope(deps.db, actor, id);
  if (part === 'thumbnail') {
    if (!row.thumbnailKey) throw new NotFoundError('该文件没有缩略图');
    return { body: await deps.storage.get(row.thumbnailKey), mediaType: 'image/jpeg', fileName: row.fileName.replace(/\.[^.]+$/, '.thumb.jpg'), sizeBytes: null };
  }
  return { body: await deps.storage.get(row.storageKey), mediaType: row.mediaType, fileName: row.fileName, sizeBytes: row.sizeBytes };
}

/** Removable while the record is still open (draft, submitted, returned); a verified record keeps its evidence. */
export async function deleteEvidence(deps: EvidenceDeps, ctx: AuditContext, actor: Actor, id: number) {
  const row = await deps.db.transaction(async (tx) => {
    const found = await findEvidence(tx, id);
    const record = found ? await findRecordForEvidence(tx, found.recordId, true) : null;
    if (!found || !record || !visibleTo(actor, record)) throw new NotFoundError('佐证材料不存在或不在您的管理范围内');
    assertChangeable(actor, record);
    await tx.delete(evidence).where(eq(evidence.id, id));
    await audit(tx, ctx, { action: 'evidence.delete', objectType: 'evidence', objectId: id, before: { ...found, imageHash: undefined } });
    return found;
  });
  // After the commit: a failed unlink leaves an orphan file, never a row without its file.
  await Promise.all([deps.storage.delete(row.storageKey), row.thumbnailKey ? deps.storage.delete(row.thumbnailKey) : null]).catch(() => {});
}
