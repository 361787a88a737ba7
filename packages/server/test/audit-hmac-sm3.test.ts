import { createHash, createHmac } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit/audit';
import { auditLog } from '../src/audit/audit.table';
import { canonicalJson, GENESIS_HASH, legacyAuditHash, type AuditContent } from '../src/audit/hash';
import { verifyAuditChain } from '../src/audit/verify';
import { dataCrypto, smCryptoProvider, useCryptoProvider } from '../src/crypto/data-crypto';
import { sm3 } from '../src/crypto/sm';
import { systemContext } from '../src/system-actor';
import { auditorOf, freshDatabase, loginAs, seedUser, testApp, type Client } from './helpers';

// A known data key for this file, so the test can recompute every MAC on its own.
const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
useCryptoProvider(smCryptoProvider(KEY));

/** HMAC (RFC 2104) built by hand over SM3 (GB/T 32905, known-answer tested in sm.test.ts): independent of Node's HMAC. */
function hmacSm3ByHand(key: Buffer, data: string): string {
  const block = 64;
  const k = Buffer.alloc(block);
  (key.length > block ? Buffer.from(sm3(key), 'hex') : key).copy(k);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  const inner = Buffer.from(sm3(Buffer.concat([ipad, Buffer.from(data, 'utf8')])), 'hex');
  return sm3(Buffer.concat([opad, inner]));
}

const rowContent = (r: typeof auditLog.$inferSelect): AuditContent => ({
  at: r.at, actorId: r.actorId, actorName: r.actorName, requestId: r.requestId, action: r.action,
  objectType: r.objectType, objectId: r.objectId, before: r.before, after: r.after,
});
const chainInput = (prev: string, c: AuditContent) => `${prev}\n${canonicalJson({ ...c, at: c.at.toISOString() })}`;

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
let auditor: Client;

beforeAll(async () => {
  t = await testApp();
  await seedUser(t.database, 'chain_admin', 'administrator', 1);
  admin = await loginAs(t.app, 'chain_admin');
  for (let i = 0; i < 3; i++) {
    const org = (await admin.get(`/api/orgs/${t.tree.bc1}`)).json();
    expect((await admin.patch(`/api/orgs/${t.tree.bc1}`, { version: org.version, memberCount: 20 + i })).statusCode).toBe(200);
  }
  auditor = await auditorOf(t);
});

/** What someone with database rights but not the key would do: change a row with the trigger off. */
async function tamper(fn: () => Promise<unknown>) {
  await t.database.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
  try {
    await fn();
  } finally {
    await t.database.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  }
}

describe('audit chain keyed with HMAC-SM3 (issue 9, 等保2.0)', () => {
  it('Node\'s HMAC-SM3 equals HMAC built by hand over the standard SM3', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(createHmac('sm3', key).update('abc').digest('hex')).toBe(hmacSm3ByHand(key, 'abc'));
    expect(createHmac('sm3', Buffer.alloc(100, 7)).update('长于分组的密钥').digest('hex')).toBe(hmacSm3ByHand(Buffer.alloc(100, 7), '长于分组的密钥'));
  });

  it('every row\'s hash is HMAC-SM3, keyed from the data key, over its predecessor\'s hash and its content', async () => {
    const auditKey = Buffer.from(hmacSm3ByHand(KEY.subarray(16), 'tuanjian:audit-chain:v1'), 'hex');
    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows.length).toBeGreaterThan(5);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      expect(r.hash).toBe(`hsm3:${hmacSm3ByHand(auditKey, chainInput(prev, rowContent(r)))}`);
      prev = r.hash;
    }
    const report = (await auditor.get('/api/audit/verify')).json();
    expect(report).toEqual({ ok: true, checked: rows.length, brokenAt: null, unkeyed: 0 });
  });

  it('detects a changed row, even when the forger recomputes every later hash without the key', async () => {
    const victim = (await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'org.update')).orderBy(asc(auditLog.id)).limit(1))[0]!;
    const later = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    // rewrite the victim and relink everything after it — with SHA-256, and with HMAC-SM3 under a guessed key
    for (const forge of [
      (prev: string, c: AuditContent) => legacyAuditHash(prev, c),
      (prev: string, c: AuditContent) => `hsm3:${createHmac('sm3', Buffer.alloc(32)).update(chainInput(prev, c)).digest('hex')}`,
    ]) {
      await tamper(async () => {
        let prev = victim.prevHash;
        for (const r of later.filter((x) => x.id >= victim.id)) {
          const c = rowContent(r);
          if (r.id === victim.id) c.after = { ...(c.after as object), memberCount: 999 };
          const hash = forge(prev, c);
          await t.database.query('UPDATE audit_log SET after = $1::jsonb, prev_hash = $2, hash = $3 WHERE id = $4', [JSON.stringify(c.after), prev, hash, r.id]);
          prev = hash;
        }
      });
      const report = (await auditor.get('/api/audit/verify')).json();
      expect(report.ok).toBe(false);
      expect(report.brokenAt).toBe(victim.id);
    }
    // put the true rows back for the next test
    await tamper(async () => {
      for (const r of later) await t.database.query('UPDATE audit_log SET after = $1::jsonb, prev_hash = $2, hash = $3 WHERE id = $4', [JSON.stringify(r.after), r.prevHash, r.hash, r.id]);
    });
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('a chain only verifies under its own key: a database moved without the key cannot vouch for its log', async () => {
    const own = dataCrypto();
    useCryptoProvider(smCryptoProvider(Buffer.alloc(32, 9)));
    try {
      const report = await verifyAuditChain(t.database.db);
      expect(report.ok).toBe(false);
      expect(report.checked).toBe(0);
    } finally {
      useCryptoProvider(own);
    }
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('rows written before the chain was keyed still verify, are counted as unkeyed, and may only come first', async () => {
    const database = await freshDatabase();
    try {
      // migrations wrote nothing to the log; two rows as the SHA-256 chain wrote them
      let prev = GENESIS_HASH;
      for (let i = 0; i < 2; i++) {
        const c: AuditContent = { at: new Date(`2026-01-0${i + 1}T00:00:00Z`), actorId: null, actorName: 'cli', requestId: null, action: 'org.create', objectType: 'org', objectId: String(i), before: null, after: { n: i } };
        const hash = createHash('sha256').update(chainInput(prev, c)).digest('hex');
        await database.query('INSERT INTO audit_log (at, actor_id, actor_name, request_id, action, object_type, object_id, before, after, prev_hash, hash) VALUES ($1, null, $2, null, $3, $4, $5, null, $6::jsonb, $7, $8)',
          [c.at, c.actorName, c.action, c.objectType, c.objectId, JSON.stringify(c.after), prev, hash]);
        prev = hash;
      }
      await database.db.transaction((tx) => audit(tx, systemContext('test'), { action: 'org.update', objectType: 'org', objectId: 1, after: { n: 2 } }));
      const report = await verifyAuditChain(database.db);
      expect(report).toEqual({ ok: true, checked: 3, brokenAt: null, unkeyed: 2 });

      // an unkeyed row after a keyed one is a forgery
      const last = (await database.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1'))[0]!.hash;
      const c: AuditContent = { at: new Date('2026-02-01T00:00:00Z'), actorId: null, actorName: 'x', requestId: null, action: 'org.update', objectType: 'org', objectId: '1', before: null, after: null };
      const forged = legacyAuditHash(last, c);
      const [{ id }] = await database.query<{ id: number }>('INSERT INTO audit_log (at, actor_id, actor_name, request_id, action, object_type, object_id, before, after, prev_hash, hash) VALUES ($1, null, $2, null, $3, $4, $5, null, null, $6, $7) RETURNING id',
        [c.at, c.actorName, c.action, c.objectType, c.objectId, last, forged]) as [{ id: number }];
      expect(await verifyAuditChain(database.db)).toEqual({ ok: false, checked: 3, brokenAt: id, unkeyed: 2 });
    } finally {
      await database.close();
    }
  });
});
