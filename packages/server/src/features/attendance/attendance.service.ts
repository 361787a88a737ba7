/**
 * Attendance by QR code (签到): the recorder opens a check-in for a record; attendees scan the code
 * and leave name and mobile; the record's "people reached" becomes the count of distinct mobiles,
 * so the number behind S0.9 or S3.6 audiences is counted, not typed. The link carries a random
 * token of which only the hash is stored; check-in closes at expiry or once the record is verified.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CheckinBody } from '@tuanjian/contracts';
import { maskMobile } from '@tuanjian/domain';
import { asc, eq, sql } from 'drizzle-orm';
import { audit, type AuditContext } from '../../audit/audit';
import { authorize, can, type Actor } from '../../auth/policy';
import type { Db } from '../../db/client';
import { BadRequestError, NotFoundError } from '../../http/errors';
import { orgs } from '../orgs/orgs.table';
import { programs, records } from '../programs/programs.table';
import { loadRecord } from '../programs/records.workflow';
import { recordCheckins } from './attendance.table';
import { dataCrypto } from '../../crypto/data-crypto';

export const MAX_CHECKINS = 2000;
const CLOSED = new Set(['verified', 'superseded']);
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openCheckin(db: Db, ctx: AuditContext, actor: Actor, recordId: number, hours: number) {
  return db.transaction(async (tx) => {
    const { record, orgPath, program } = await loadRecord(tx, actor, recordId);
    authorize(actor, 'record.create', orgPath);
    if (CLOSED.has(record.status)) throw new BadRequestError('已核实的记录不能再签到');
    const kind = program.template.recordKinds.find((k) => k.id === record.kind);
    if (!kind?.quantities?.includes('peopleReached')) throw new BadRequestError(`“${kind?.name ?? record.kind}”不统计参加人数，无需签到`);
    const token = randomBytes(18).toString('base64url');
    const expiresAt = new Date(ctx.now().getTime() + hours * 3_600_000);
    await tx.update(records).set({ checkinTokenHash: hashOf(token), checkinExpiresAt: expiresAt, version: record.version + 1 }).where(eq(records.id, recordId));
    await audit(tx, ctx, { action: 'record.checkin_open', objectType: 'record', objectId: recordId, before: { checkinExpiresAt: record.checkinExpiresAt }, after: { checkinExpiresAt: expiresAt } });
    return { token, path: `/checkin/${token}`, expiresAt: expiresAt.toISOString() };
  });
}

async function byToken(db: Db, token: string, now: Date, lock = false) {
  const q = db.select({ r: records, orgName: orgs.name, programName: programs.name }).from(records)
    .innerJoin(orgs, eq(orgs.id, records.orgId)).innerJoin(programs, eq(programs.id, records.programId))
    .where(eq(records.checkinTokenHash, hashOf(token)));
  const row = (await (lock ? q.for('update', { of: records }) : q))[0];
  // One answer for an unknown and an expired code, so codes cannot be probed.
  if (!row || !row.r.checkinExpiresAt || row.r.checkinExpiresAt < now) throw new NotFoundError('签到二维码无效或已过期');
  return row;
}

async function countOf(db: Db, recordId: number) {
  return (await db.select({ n: sql<number>`count(*)::int` }).from(recordCheckins).where(eq(recordCheckins.recordId, recordId)))[0]?.n ?? 0;
}

export async function checkinInfo(db: Db, token: string, now: Date) {
  const { r, orgName, programName } = await byToken(db, token, now);
  return { activity: String((r.fields as Record<string, unknown>).title ?? (r.fields as Record<string, unknown>).topic ?? r.kind), orgName, occurredOn: r.occurredOn, programName, count: await countOf(db, r.id) };
}

export async function checkIn(db: Db, ctx: AuditContext, token: string, body: z.infer<typeof CheckinBody>) {
  return db.transaction(async (tx) => {
    const { r } = await byToken(tx, token, ctx.now(), true);
    if (CLOSED.has(r.status)) throw new BadRequestError('该活动记录已核实，签到已结束');
    const inserted = await tx.insert(recordCheckins).values({ recordId: r.id, name: body.name, mobile: body.mobile, mobileHash: dataCrypto().blindIndex(body.mobile), checkedInAt: ctx.now() })
      .onConflictDoNothing().returning({ id: recordCheckins.id });
    const count = await countOf(tx, r.id);
    if (count > MAX_CHECKINS) throw new BadRequestError(`签到人数已达上限 ${MAX_CHECKINS}`);
    if (inserted.length) {
      await tx.update(records).set({ peopleReached: count }).where(eq(records.id, r.id));
      await audit(tx, { ...ctx, actorName: `签到:${maskMobile(body.mobile)}` }, { action: 'record.checkin', objectType: 'record', objectId: r.id, before: { peopleReached: r.peopleReached }, after: { peopleReached: count } });
    }
    return { count, already: inserted.length === 0 };
  });
}

export async function listCheckins(db: Db, actor: Actor, recordId: number) {
  const { orgPath } = await loadRecord(db, actor, recordId);
  authorize(actor, 'org.read');
  void orgPath;
  const rows = await db.select().from(recordCheckins).where(eq(recordCheckins.recordId, recordId)).orderBy(asc(recordCheckins.checkedInAt), asc(recordCheckins.id));
  const show = can(actor, 'mobile.view');
  return { count: rows.length, items: rows.map((c) => ({ id: c.id, name: c.name, mobile: show ? c.mobile : maskMobile(c.mobile), checkedInAt: c.checkedInAt.toISOString() })) };
}
