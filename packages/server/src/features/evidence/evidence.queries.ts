import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { orgs } from '../orgs/orgs.table';
import { programs, records } from '../programs/programs.table';
import { evidence } from './evidence.table';

const org = alias(orgs, 'record_org');
const place = alias(orgs, 'place_org');
const issuer = alias(orgs, 'issuer_org');

/** A record with what decides who may see it: its org's path and its program issuer's path. */
export async function findRecordForEvidence(db: Db, recordId: number, forUpdate = false) {
  const q = db.select({
    id: records.id, status: records.status, occurredOn: records.occurredOn,
    orgName: org.name, orgPath: org.path, placeName: place.name, issuerPath: issuer.path,
  }).from(records)
    .innerJoin(org, eq(org.id, records.orgId))
    .innerJoin(programs, eq(programs.id, records.programId))
    .innerJoin(issuer, eq(issuer.id, programs.issuerOrgId))
    .leftJoin(place, eq(place.id, records.placeOrgId))
    .where(eq(records.id, recordId));
  const rows = forUpdate ? await q.for('update', { of: records }) : await q;
  return rows[0] ?? null;
}
export type RecordForEvidence = NonNullable<Awaited<ReturnType<typeof findRecordForEvidence>>>;

/** The same paths for many records at once: which duplicate flags may name their other record. */
export async function recordPaths(db: Db, recordIds: number[]) {
  if (recordIds.length === 0) return [];
  return db.select({ id: records.id, orgPath: org.path, issuerPath: issuer.path }).from(records)
    .innerJoin(org, eq(org.id, records.orgId))
    .innerJoin(programs, eq(programs.id, records.programId))
    .innerJoin(issuer, eq(issuer.id, programs.issuerOrgId))
    .where(inArray(records.id, recordIds));
}

export async function evidenceOf(db: Db, recordId: number) {
  return db.select().from(evidence).where(eq(evidence.recordId, recordId)).orderBy(asc(evidence.id));
}

export async function countEvidence(db: Db, recordId: number) {
  const [row] = await db.select({
    files: sql<number>`count(*)::int`,
    images: sql<number>`count(*) FILTER (WHERE ${evidence.category} = 'image')::int`,
  }).from(evidence).where(eq(evidence.recordId, recordId));
  return row ?? { files: 0, images: 0 };
}

export async function findEvidence(db: Db, id: number) {
  return (await db.select().from(evidence).where(eq(evidence.id, id)))[0] ?? null;
}

/** The earliest file with the very same bytes on another record. */
export async function findIdenticalElsewhere(db: Db, sha256: string, recordId: number) {
  return (await db.select({ id: evidence.id, recordId: evidence.recordId }).from(evidence)
    .where(and(eq(evidence.sha256, sha256), ne(evidence.recordId, recordId))).orderBy(asc(evidence.id)).limit(1))[0] ?? null;
}

/**
 * The closest photo on another record within `maxDistance` bits. A scan over image rows with
 * bit_count (PostgreSQL 14+); at tens of thousands of photos per installation this stays in
 * milliseconds — beyond that a BK-tree or banded index would take its place behind this function.
 */
export async function findSimilarElsewhere(db: Db, imageHash: string, recordId: number, maxDistance: number) {
  const distance = sql<number>`bit_count(${evidence.imageHash} # ${imageHash}::bit(64))::int`;
  return (await db.select({ id: evidence.id, recordId: evidence.recordId, distance }).from(evidence)
    .where(and(sql`${evidence.imageHash} IS NOT NULL`, ne(evidence.recordId, recordId), sql`${distance} <= ${maxDistance}`))
    .orderBy(distance, asc(evidence.id)).limit(1))[0] ?? null;
}
