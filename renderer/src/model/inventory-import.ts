// Pure parts of importing an inventory from the app: the file in base64 chunks (one API line each),
// the plan's rows in the order shown (changes first), and whether the chosen mode can apply.
import type { ImportMode, ImportPlan } from '../../../shared/contract/gateway-api/inventory-import';

/** base64 of bytes, without building one huge string per byte. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The file cut into chunks of at most `size` bytes (an empty file is one empty chunk). */
export function chunksOf(bytes: Uint8Array, size: number): Uint8Array[] {
  if (bytes.length === 0) return [bytes];
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

const ORDER = { add: 0, change: 1, unchanged: 2 } as const;

/** Adds, then changes, then unchanged hosts; each in the file's order. */
export function planRows(plan: ImportPlan): ImportPlan['hosts'] {
  return plan.hosts.map((h, i) => ({ h, i })).sort((a, b) => ORDER[a.h.action] - ORDER[b.h.action] || a.i - b.i).map(({ h }) => h);
}

/** Whether applying in `mode` would change anything: all-or-nothing applies nothing once a row has an error. */
export function canApply(plan: ImportPlan, mode: ImportMode): boolean {
  if (mode === 'all_or_nothing' && plan.issues.length > 0) return false;
  return plan.counts.add + plan.counts.change > 0;
}
