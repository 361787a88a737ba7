import { createHash } from 'node:crypto';
import { dataCrypto } from '../crypto/data-crypto';

export const GENESIS_HASH = '0'.repeat(64);
/** Rows written since the chain is keyed carry this prefix; older rows keep their plain SHA-256 hash. */
export const HMAC_SM3_PREFIX = 'hsm3:';

/** JSON with sorted keys, so the same content always hashes the same whatever order the database returns. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface AuditContent {
  at: Date;
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
}

const chainInput = (prevHash: string, c: AuditContent) => `${prevHash}\n${canonicalJson({ ...c, at: c.at.toISOString() })}`;

/**
 * 等保2.0 asks for the integrity of audit records with a commercial algorithm: HMAC-SM3 keyed by the data key
 * (TUANJIAN_DATA_KEY or data/data.key), which the database does not hold — someone able to rewrite audit_log
 * cannot recompute the chain behind the rows they change.
 */
export function auditHash(prevHash: string, c: AuditContent): string {
  return HMAC_SM3_PREFIX + dataCrypto().auditMac(chainInput(prevHash, c));
}

/** The hash of a row written before the chain was keyed (plain SHA-256): verified as it was written. */
export function legacyAuditHash(prevHash: string, c: AuditContent): string {
  return createHash('sha256').update(chainInput(prevHash, c)).digest('hex');
}

/** Values go through JSON once so that what we hash is exactly what jsonb will give back. */
export function normalizeJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
