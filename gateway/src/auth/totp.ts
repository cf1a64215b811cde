// RFC 6238 TOTP (SHA-1, 6 digits, 30 s: what authenticator apps expect) through `otpauth`.
// otpauth compares codes in constant time; a window of 1 accepts the neighbouring steps for clock skew.
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Portcullis';
const PERIOD = 30;

function totpFor(secretBase32: string, account: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: account, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A new random 160-bit secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secretBase32: string, account: string): string {
  return totpFor(secretBase32, account).toString();
}

export function totpCode(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32, 'x').generate({ timestamp });
}

/** The 30 s time step the code belongs to, or null when it is wrong. */
export function totpStep(secretBase32: string, code: string, timestamp = Date.now()): number | null {
  const token = code.trim();
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, 'x').validate({ token, timestamp, window: 1 });
  return delta === null ? null : Math.floor(timestamp / 1000 / PERIOD) + delta;
}

export function checkTotp(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  return totpStep(secretBase32, code, timestamp) !== null;
}
