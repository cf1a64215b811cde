// The audit chain's hashing: each entry's hash covers the previous entry's hash and the entry's
// own canonical content (RFC 8785 JSON), so editing, deleting or reordering a row breaks every
// hash after it. Pure, so the verifier and the writer cannot disagree.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash that stands before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  seq: number;
  /** ms since epoch */
  at: number;
  type: string;
  /** Who did it: a user name, `admin:cli`, or `gateway`. */
  actor: string;
  data: Record<string, unknown>;
}

export function canonicalContent(entry: AuditEntryContent): string {
  const text = canonicalize({ seq: entry.seq, at: entry.at, type: entry.type, actor: entry.actor, data: entry.data });
  if (text === undefined) throw new Error('audit entry cannot be canonicalized');
  return text;
}

export function chainHash(prevHash: string, entry: AuditEntryContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(entry)).digest('hex');
}
