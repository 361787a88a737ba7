/**
 * The Chinese commercial algorithms 等保2.0 asks for, from Node's OpenSSL: SM4 (GB/T 32907) for
 * personal data at rest and SM3 (GB/T 32905) for hashes and keyed hashes.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export const SM4_KEY_BYTES = 16;

/** One SM4 block without padding or chaining: only for the standard's known-answer test. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

/** SM4-CBC with a fresh random IV per value, so equal mobiles do not give equal ciphertexts. */
export function sm4Encrypt(key: Buffer, plaintext: string): { iv: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(16);
  const c = createCipheriv('sm4-cbc', key, iv);
  return { iv, ciphertext: Buffer.concat([c.update(plaintext, 'utf8'), c.final()]) };
}

export function sm4Decrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): string {
  const d = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([d.update(ciphertext), d.final()]).toString('utf8');
}

export function sm3(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string): string {
  return createHmac('sm3', key).update(data, 'utf8').digest('hex');
}
