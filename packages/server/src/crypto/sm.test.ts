import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { smCryptoProvider } from './data-crypto';
import { hmacSm3, sm3, sm4Decrypt, sm4Encrypt, sm4EncryptBlock } from './sm';

describe('known-answer tests', () => {
  it('SM4 (GB/T 32907-2016 example 1): the standard key and plaintext give the standard ciphertext', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(sm4EncryptBlock(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM4 (GB/T 32907-2016 example 2): one million encryptions of the block', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = sm4EncryptBlock(key, block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  }, 60_000);

  it('SM3 (GB/T 32905-2016 examples): "abc" and the 512-bit message', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('sealing personal data', () => {
  const provider = smCryptoProvider(randomBytes(32));
  it('round-trips, with a different ciphertext each time and no plaintext in it', () => {
    const a = provider.seal('13812341234');
    const b = provider.seal('13812341234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812341234');
    expect(provider.open(a)).toBe('13812341234');
  });

  it('the blind index is stable for equal values and keyed: another key gives another index', () => {
    expect(provider.blindIndex('13812341234')).toBe(provider.blindIndex('13812341234'));
    expect(smCryptoProvider(randomBytes(32)).blindIndex('13812341234')).not.toBe(provider.blindIndex('13812341234'));
    expect(hmacSm3(Buffer.alloc(16), 'x')).toHaveLength(64);
  });

  it('a value sealed under another key is refused with a message naming the key, not returned garbled', () => {
    const other = smCryptoProvider(randomBytes(32)).seal('13812341234');
    expect(() => provider.open(other)).toThrow(/数据密钥与数据库不匹配/);
  });

  it('low level: CBC round trip of Chinese text', () => {
    const key = randomBytes(16);
    const { iv, ciphertext } = sm4Encrypt(key, '李晓明 13802531234');
    expect(sm4Decrypt(key, iv, ciphertext)).toBe('李晓明 13802531234');
  });
});
