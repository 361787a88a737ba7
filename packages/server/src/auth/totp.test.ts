import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, totpAt, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const SEED = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: Array<[number, string]> = [
  [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
  [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it('issue 9: the RFC 6238 appendix B SHA-1 vectors, 8 digits, 30 s steps', () => {
    for (const [seconds, code] of VECTORS) expect(hotp(SEED, Math.floor(seconds / 30), 8), `T=${seconds}`).toBe(code);
  });

  it('issue 9: the same vectors through the base32 secret an authenticator app receives, 8 and 6 digits', () => {
    const secret = base32Encode(SEED);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret.toLowerCase())).toEqual(SEED);
    for (const [seconds, code] of VECTORS) {
      expect(totpAt(secret, new Date(seconds * 1000), 8)).toBe(code);
      expect(totpAt(secret, new Date(seconds * 1000))).toBe(code.slice(2)); // 6 digits: the same number mod 10^6
    }
  });

  it('issue 9: accepts a code one step early or late, never two, and never a step already used', () => {
    const secret = newTotpSecret();
    expect(base32Decode(secret)).toHaveLength(20);
    const now = new Date('2026-03-01T02:00:10Z');
    const step = totpStep(now);
    const at = (s: number) => new Date(s * 30_000 + 1000);
    expect(matchTotp(secret, totpAt(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totpAt(secret, at(step - 1)), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, at(step + 1)), now, null)).toBe(step + 1);
    const twoOff = totpAt(secret, at(step - 2));
    if (![step - 1, step, step + 1].some((s) => totpAt(secret, at(s)) === twoOff)) expect(matchTotp(secret, twoOff, now, null)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, now), now, step)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, at(step + 1)), now, step)).toBe(step + 1);
    expect(matchTotp(secret, '12345', now, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeNull();
  });

  it('issue 9: the otpauth URI names the issuer, account, algorithm, digits and period', () => {
    const uri = new URL(otpauthUri('团建', 'admin', 'GEZDGNBV'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.href.startsWith(`otpauth://totp/${encodeURIComponent('团建:admin')}?`)).toBe(true);
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret: 'GEZDGNBV', issuer: '团建', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
