import { describe, expect, it } from 'vitest';
import { maskMobile } from './mask';

const revealed = (masked: string) => Array.from(masked).filter((c) => c !== '*').length;

describe('maskMobile', () => {
  it('S0.11 keeps the first 3 and last 4 digits of a mainland mobile', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile(' 138-1234-1234 ')).toBe('138****1234');
    expect(maskMobile('138 1234 1234')).toBe('138****1234');
  });
  it('keeps a +86 prefix and masks the number behind it', () => {
    expect(maskMobile('+8613812341234')).toBe('+86138****1234');
    expect(maskMobile('008613812341234')).toBe('0086138****1234');
  });
  it('empty and missing values', () => {
    expect(maskMobile('')).toBe('');
    expect(maskMobile(null)).toBe('');
    expect(maskMobile(undefined)).toBe('');
  });
  it('short and odd strings never reveal more than half', () => {
    expect(maskMobile('1')).toBe('*');
    expect(maskMobile('12')).toBe('*2');
    expect(maskMobile('1234')).toBe('**34');
    expect(maskMobile('12345678')).toBe('1****678');
    expect(maskMobile('0753-2212345')).toBe('07******2345');
    for (let n = 1; n <= 30; n++) {
      const value = '9'.repeat(n);
      const masked = maskMobile(value);
      expect(Array.from(masked)).toHaveLength(n);
      expect(revealed(masked)).toBeLessThanOrEqual(Math.floor(n / 2));
    }
  });
  it('handles non-ASCII characters by code point', () => {
    const masked = maskMobile('电话一二三四');
    expect(Array.from(masked)).toHaveLength(6);
    expect(revealed(masked)).toBeLessThanOrEqual(3);
  });
});
