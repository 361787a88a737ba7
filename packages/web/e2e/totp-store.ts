import fs from 'node:fs';
import { inject } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../server/src/auth/totp';

/**
 * The e2e server runs with TOTP required for administrators, as in production: the first sign-in of
 * admin/secadmin/auditadmin binds an authenticator, and the secret is kept in a file of the run so that
 * later test files (each in its own process) can answer with codes. A code is single-use, so each sign-in
 * takes the next step, waiting for the clock when sign-ins came faster than one per half minute.
 */
type Store = Record<string, { secret: string; lastStep: number }>;

const read = (): Store => {
  const file = inject('totpStore');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Store) : {};
};
const write = (s: Store) => fs.writeFileSync(inject('totpStore'), JSON.stringify(s));

export const hasTotp = (username: string) => Boolean(read()[username]);

/** Records a secret just bound and returns the code that confirms it. */
export function enrol(username: string, secret: string): string {
  const s = read();
  s[username] = { secret, lastStep: -1 };
  write(s);
  return nextCode(username);
}

/**
 * The next unused code for a user, waiting (at most a step) when the current window is used up. It takes
 * the current step, not the one before: the server accepts a step either side of its own, so a code of the
 * step before was refused whenever a half-minute boundary passed between typing and checking it.
 */
export async function nextCodeWhenFree(username: string): Promise<string> {
  const entry = read()[username]!;
  const wanted = Math.max(totpStep(new Date()), entry.lastStep + 1);
  const waitMs = (wanted - 1) * 30_000 - Date.now() + 500;
  if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
  return nextCode(username);
}

function nextCode(username: string): string {
  const s = read();
  const entry = s[username]!;
  const step = Math.max(totpStep(new Date()), entry.lastStep + 1);
  entry.lastStep = step;
  write(s);
  return hotp(base32Decode(entry.secret), step);
}
