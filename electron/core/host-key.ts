// The gateway's host key is pinned in the profile (peers.md lesson 12: a changed key is a hard
// stop). These helpers turn the pinned OpenSSH line into the raw key blob ssh2 hands the
// host verifier, and give people the same SHA256 fingerprint OpenSSH prints.
import { createHash, timingSafeEqual } from 'node:crypto';
// Default import: ssh2 is CommonJS and Node's ESM loader does not see its named exports.
import ssh2 from 'ssh2';

const { utils } = ssh2;

export interface PinnedKey {
  algorithm: string;
  blob: Buffer;
  fingerprint: string;
}

/** Parses `ssh-ed25519 AAAA… [comment]`; throws with a plain message if it is not a public key line. */
export function parsePinnedKey(line: string): PinnedKey {
  const parsed = utils.parseKey(line.trim());
  if (parsed instanceof Error || Array.isArray(parsed)) {
    throw new Error(`the pinned gateway host key is not an OpenSSH public key line (${parsed instanceof Error ? parsed.message : 'several keys'})`);
  }
  if (parsed.isPrivateKey()) throw new Error('the pinned gateway host key must be a public key, not a private one');
  const blob = parsed.getPublicSSH();
  return { algorithm: parsed.type, blob, fingerprint: fingerprintOf(blob) };
}

/** OpenSSH's `SHA256:…` fingerprint of a raw public key blob. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function sameKey(pinned: PinnedKey, offered: Buffer): boolean {
  return offered.length === pinned.blob.length && timingSafeEqual(offered, pinned.blob);
}
