/**
 * Personal data at rest (等保2.0): mobile numbers and other personal fields are stored sealed with
 * SM4, and found again through an SM3 keyed hash (a blind index) instead of the plaintext. The key is
 * the deployment's, never the database's: TUANJIAN_DATA_KEY, or a key file created once in the data
 * folder; a database dump alone therefore holds no readable mobile number. The provider is an
 * interface so that a hardware module (密码机) or a KMS can take its place.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hmacSm3, sm4Decrypt, sm4Encrypt } from './sm';

export interface CryptoProvider {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Equal inputs give equal outputs: for uniqueness and lookup without decrypting. */
  blindIndex(plaintext: string): string;
  /** HMAC-SM3 over an audit row and its predecessor's MAC: without the key, a rewritten chain cannot be made to verify. */
  auditMac(data: string): string;
}

const PREFIX = 'sm4:1:';

/** 32 bytes of key material: the first half encrypts (SM4), the second half keys the blind index (HMAC-SM3). */
export function smCryptoProvider(material: Buffer): CryptoProvider {
  if (material.length !== 32) throw new Error('数据密钥应为 32 字节（64 位十六进制）');
  const encKey = material.subarray(0, 16);
  const macKey = material.subarray(16);
  // Its own key, derived from the MAC half: an audit MAC never equals a blind index of the same text.
  const auditKey = Buffer.from(hmacSm3(macKey, 'tuanjian:audit-chain:v1'), 'hex');
  return {
    seal(plaintext) {
      const { iv, ciphertext } = sm4Encrypt(encKey, plaintext);
      const body = `${iv.toString('base64')}:${ciphertext.toString('base64')}`;
      // Encrypt-then-MAC: a wrong key or a tampered value is detected, never decrypted into garbage.
      return `${PREFIX}${body}:${hmacSm3(macKey, body).slice(0, 32)}`;
    },
    open(sealed) {
      // Rows written before sealing existed are plaintext until the startup pass seals them.
      if (!sealed.startsWith(PREFIX)) return sealed;
      const [iv, ct, tag] = sealed.slice(PREFIX.length).split(':');
      if (tag !== hmacSm3(macKey, `${iv}:${ct}`).slice(0, 32)) {
        throw new Error('无法解密个人信息：数据密钥与数据库不匹配（请检查 TUANJIAN_DATA_KEY 或数据目录中的 data.key）');
      }
      return sm4Decrypt(encKey, Buffer.from(iv ?? '', 'base64'), Buffer.from(ct ?? '', 'base64'));
    },
    blindIndex(plaintext) {
      return hmacSm3(macKey, plaintext);
    },
    auditMac(data) {
      return hmacSm3(auditKey, data);
    },
  };
}

export const isSealed = (value: string) => value.startsWith(PREFIX);

let current: CryptoProvider | null = null;

export function useCryptoProvider(provider: CryptoProvider) {
  current = provider;
}

/** The configured provider; in tests a random key per process, so no test depends on a fixed secret. */
export function dataCrypto(): CryptoProvider {
  if (!current && process.env.VITEST) current = smCryptoProvider(randomBytes(32));
  if (!current) throw new Error('数据密钥未加载');
  return current;
}

/** TUANJIAN_DATA_KEY if set; else `<dataDir>/data.key`, created (mode 600) on first start. */
export function loadDataKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = env.TUANJIAN_DATA_KEY?.trim();
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('TUANJIAN_DATA_KEY 应为 64 位十六进制');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(dataDir, 'data.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process created it first
    }
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${file} 不是有效的数据密钥`);
  return Buffer.from(hex, 'hex');
}
