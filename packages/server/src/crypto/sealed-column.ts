import { customType } from 'drizzle-orm/pg-core';
import { dataCrypto } from './data-crypto';

/** A text column stored sealed with SM4; the application reads and writes plaintext. */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => dataCrypto().seal(value),
  fromDriver: (value) => dataCrypto().open(value),
});

/** The columns to write for a mobile number: sealed value and its blind index, both null when absent. */
export function mobileColumns(mobile: string | null | undefined) {
  return mobile ? { mobile, mobileHash: dataCrypto().blindIndex(mobile) } : { mobile: null, mobileHash: null };
}
