// Decides whether the gateway's presented host key is trusted: our own
// store of keys the user accepted first, then ~/.ssh/known_hosts. A key neither knows is
// 'unknown' (the renderer asks: TOFU); a different key of the same type where one is known is
// 'changed', a hard stop with no "continue anyway" (the user must forget the old key on purpose).
import { timingSafeEqual } from 'node:crypto';
import type { HostKeyCheck } from '../../../shared/contract/profiles';
import { fingerprintOf, parsePublicKey } from '../../../shared/node/ssh-keys';
import type { KnownHostEntry } from './known-hosts';
import type { TrustedHostKey } from '../store/client-store';

export interface PresentedKey {
  keyType: string;
  blob: Buffer;
  fingerprint: string;
}

export type TrustVerdict = { trusted: true; source: 'portcullis' | 'known_hosts' } | { trusted: false; check: HostKeyCheck };

/** The key type is the first string inside the blob (RFC 4253 §6.6). */
export function presentedKey(blob: Buffer): PresentedKey {
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : 0;
  const keyType = length > 0 && length + 4 <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
  return { keyType, blob, fingerprint: fingerprintOf(blob) };
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export function judgeHostKey(key: PresentedKey, ours: TrustedHostKey | null, known: readonly KnownHostEntry[]): TrustVerdict {
  const shown = { keyType: key.keyType, fingerprint: key.fingerprint };
  if (known.some((e) => e.marker === 'revoked' && same(e.blob, key.blob))) {
    return { trusted: false, check: { status: 'changed', ...shown, source: 'known_hosts' } };
  }
  if (ours) {
    if (same(ours.blob, key.blob)) return { trusted: true, source: 'portcullis' };
    return { trusted: false, check: { status: 'changed', ...shown, expectedFingerprint: ours.fingerprint, source: 'portcullis' } };
  }
  const plain = known.filter((e) => e.marker === null);
  if (plain.some((e) => same(e.blob, key.blob))) return { trusted: true, source: 'known_hosts' };
  // As OpenSSH: a different key of the same type is a change; keys of other types only mean "ask".
  const sameType = plain.find((e) => e.keyType === key.keyType);
  if (sameType) return { trusted: false, check: { status: 'changed', ...shown, expectedFingerprint: fingerprintOf(sameType.blob), source: 'known_hosts' } };
  return { trusted: false, check: { status: 'unknown', ...shown } };
}

/** The presented-key form of an OpenSSH public key line (`ssh-ed25519 AAAA…`), e.g. to trust a key known first-hand. */
export function presentedKeyFromLine(line: string): PresentedKey {
  return presentedKey(parsePublicKey(line).key.getPublicSSH());
}
