// The gateway's host key is pinned in the profile (peers.md lesson 12: a changed key is a hard
// stop). These helpers turn the pinned OpenSSH line into the raw key blob ssh2 hands the
// host verifier, and give people the same SHA256 fingerprint OpenSSH prints.
import { timingSafeEqual } from 'node:crypto';
import { fingerprintOf, parsePublicKey } from '../../shared/node/ssh-keys';

export { fingerprintOf };

export interface PinnedKey {
  algorithm: string;
  blob: Buffer;
  fingerprint: string;
}

/** Parses `ssh-ed25519 AAAA… [comment]`; throws with a plain message if it is not a public key line. */
export function parsePinnedKey(line: string): PinnedKey {
  let info;
  try {
    info = parsePublicKey(line.trim());
  } catch (error) {
    throw new Error(`the pinned gateway host key is not usable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const blob = info.key.getPublicSSH();
  return { algorithm: info.key.type, blob, fingerprint: info.fingerprint };
}

export function sameKey(pinned: PinnedKey, offered: Buffer): boolean {
  return offered.length === pinned.blob.length && timingSafeEqual(offered, pinned.blob);
}
