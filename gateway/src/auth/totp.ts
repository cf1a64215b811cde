// RFC 6238 TOTP (SHA-1, 6 digits, 30 s: what authenticator apps expect) through `otpauth`.
// otpauth compares codes in constant time; a window of 1 accepts the neighbouring steps for clock skew.
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Portcullis';

function totpFor(secretBase32: string, account: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: account, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
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

export function checkTotp(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  const token = code.trim();
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secretBase32, 'x').validate({ token, timestamp, window: 1 }) !== null;
}
