/**
 * Mobile numbers of cadres appear in forms such as S0.11; people without the 'mobile.view'
 * right see them masked.
 */

const MAINLAND_MOBILE = /^(\+?86|0086)?(1\d{10})$/;

/**
 * '13812341234' → '138****1234', the national convention for 11-digit mobiles (also after a +86
 * prefix, which is kept). Anything else reveals at most half of its characters, so a short or
 * malformed value never leaks in full.
 */
export function maskMobile(value: string | null | undefined): string {
  if (value == null) return '';
  const trimmed = value.trim();
  const compact = trimmed.replace(/[\s-]/g, '');
  const mobile = MAINLAND_MOBILE.exec(compact);
  if (mobile) {
    const prefix = mobile[1] ?? '';
    const digits = mobile[2] ?? '';
    return `${prefix}${digits.slice(0, 3)}****${digits.slice(7)}`;
  }
  return maskHalf(trimmed);
}

/** Keeps a head and a tail (3:4 like a mobile) totalling at most 7 characters and at most half. */
function maskHalf(text: string): string {
  const chars = Array.from(text);
  const n = chars.length;
  const budget = Math.min(7, Math.floor(n / 2));
  const head = Math.floor((budget * 3) / 7);
  const tail = budget - head;
  return chars.slice(0, head).join('') + '*'.repeat(n - budget) + chars.slice(n - tail).join('');
}
