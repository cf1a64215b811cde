// Who may use the browser shell: pure checks, so they are easy to test. The per-launch token
// travels as a WebSocket subprotocol (shared/contract/browser-shell.ts); the Origin must be the
// shell's own page, so no other web page the user visits can drive the API even on loopback.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BROWSER_SHELL_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../shared/contract/browser-shell';

/** 32 random bytes as hex: a fresh one per launch. */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

/** Splits a Sec-WebSocket-Protocol header into its entries. */
export function parseProtocols(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** True when the offered subprotocols name ours and carry exactly the right token. */
export function protocolsCarryToken(protocols: readonly string[], token: string): boolean {
  if (!protocols.includes(BROWSER_SHELL_PROTOCOL)) return false;
  const offered = protocols.filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  if (offered.length !== 1) return false;
  return constantTimeEqual(offered[0]!.slice(TOKEN_PROTOCOL_PREFIX.length), token);
}

/** Compares digests, so neither the content nor the length of the token leaks through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b)) && a.length === b.length;
}

/** The shell's own origin and Host: anything else (another site, DNS rebinding) is refused. */
export function shellOrigin(host: string, port: number): string {
  return `http://${host}:${port}`;
}

export function isOwnHost(hostHeader: string | undefined, host: string, port: number): boolean {
  return hostHeader === `${host}:${port}`;
}

export function isOwnOrigin(originHeader: string | undefined, host: string, port: number): boolean {
  return originHeader === shellOrigin(host, port);
}
