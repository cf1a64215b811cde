// The evidence bundle's format, shared by the writer (bundle.ts) and the offline verifier
// (bundle-verify.ts): JSON lines, one record per line, the last one signing a manifest of the
// SHA-256 of every line before it. docs/GATEWAY.md, "Evidence bundles", tells a reviewer how to check one.
import { createHash } from 'node:crypto';

export const BUNDLE_FORMAT = 'portcullis-evidence-bundle';
export const BUNDLE_VERSION = 1;
/** Recording bytes per `recording` line (base64 in the line). */
export const BUNDLE_RECORDING_PART = 48 * 1024;

/** What the bundle's signature covers: every line's SHA-256, in order. */
export const manifestText = (lineHashes: readonly string[]) => Buffer.from(`portcullis evidence bundle v${BUNDLE_VERSION}\n${lineHashes.join('\n')}\n`);

export const lineHash = (line: string) => createHash('sha256').update(line).digest('hex');

export interface BundleSignature {
  kind: 'signature';
  lines: string[];
  /** base64, by the gateway's host key over manifestText(lines). */
  signature: string;
}
