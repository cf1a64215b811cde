// The browser shell's per-launch token travels in the URL fragment: http://127.0.0.1:PORT/#token=HEX
// (shared/contract/browser-shell.ts). Pure parsing; the DOM side lives in ./index.ts.
import { TOKEN_FRAGMENT_KEY } from '../../../shared/contract/browser-shell';

const TOKEN_PATTERN = /^[0-9a-fA-F]{16,256}$/;

export function isValidToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * Reads the token from a location hash ("#token=HEX&x=y") and returns what the fragment should
 * become without it ("" when nothing else was there, else "#x=y").
 */
export function takeTokenFromHash(hash: string): { token: string | null; hashWithoutToken: string } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { token: null, hashWithoutToken: '' };
  const params = new URLSearchParams(raw);
  const value = params.get(TOKEN_FRAGMENT_KEY);
  if (value === null) return { token: null, hashWithoutToken: hash };
  params.delete(TOKEN_FRAGMENT_KEY);
  const rest = params.toString();
  return { token: isValidToken(value) ? value : null, hashWithoutToken: rest ? `#${rest}` : '' };
}
