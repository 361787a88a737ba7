import { z } from 'zod';
import { Id, PageQuery, page } from './common';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export const AuditQuery = PageQuery.extend({
  action: z.string().max(64).optional(),
  objectType: z.string().max(32).optional(),
  objectId: z.string().max(64).optional(),
  actorId: Id.optional(),
  from: z.string().max(32).optional(),
  to: z.string().max(32).optional(),
});
export const AuditPage = page(AuditEntry);
export const AuditVerifyResult = z.object({
  ok: z.boolean(), checked: z.number().int(), brokenAt: z.number().int().nullable(),
  /** Rows from before the chain was keyed with HMAC-SM3, verified with plain SHA-256 only. */
  unkeyed: z.number().int(),
});
