// How the gateway tells the desktop client that it refused a session channel, and why, without
// changing what a plain OpenSSH user reads. The client sends a random tag per channel in the
// environment variable REFUSAL_TAG_ENV (before pty/shell); when the gateway refuses that channel it
// writes one marker line `portcullis-refusal TAG REASON` on stderr before its usual message, then
// exits 1 as always. The tag is never forwarded to the target, so a target cannot fake a refusal,
// and a channel without a tag (plain OpenSSH) gets the message alone, exactly as before.
import { z } from 'zod';

export const REFUSAL_TAG_ENV = 'PORTCULLIS_REFUSAL_TAG';

export const REFUSAL_REASONS = [
  'not_permitted', // no such host, or no grant for that login (the same words: no probing)
  'no_credential', // the gateway holds no usable credential for the login
  'bad_target', // the target was not of the form LOGIN@HOST
  'target_failed', // the gateway could not connect to, or was refused by, the target
  'recording_failed', // strict recording could not start, so nothing ran
  'transfer_disabled', // file transfer (sftp) refused: the gateway's transfer.policy is deny
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export const RefusalReasonSchema = z.enum(REFUSAL_REASONS);

/** 16 to 64 letters and digits: room enough for 128 random bits, nothing that could break a line. */
export const RefusalTagSchema = z.string().regex(/^[A-Za-z0-9]{16,64}$/);

const MARKER = 'portcullis-refusal';
/** The longest marker line a client waits for before deciding the stderr is not one. */
export const REFUSAL_MARKER_MAX = MARKER.length + 1 + 64 + 1 + Math.max(...REFUSAL_REASONS.map((r) => r.length)) + 2;

export function refusalMarkerLine(tag: string, reason: RefusalReason): string {
  return `${MARKER} ${tag} ${reason}\r\n`;
}

export type MarkerScan = { reason: RefusalReason; rest: string } | 'incomplete' | 'none';

/**
 * Reads the start of a channel's stderr: the refusal reason and the text after the marker when it
 * starts with this channel's marker, 'incomplete' while it still could, 'none' when it cannot.
 */
export function scanRefusalMarker(text: string, tag: string): MarkerScan {
  const newline = text.indexOf('\n');
  if (newline < 0) {
    const prefix = `${MARKER} ${tag} `;
    const couldBe = text.length < REFUSAL_MARKER_MAX && (prefix.startsWith(text) || text.startsWith(prefix));
    return couldBe ? 'incomplete' : 'none';
  }
  const line = text.slice(0, newline).replace(/\r$/, '');
  const [marker, lineTag, reason, ...extra] = line.split(' ');
  if (marker !== MARKER || lineTag !== tag || extra.length > 0) return 'none';
  const parsed = RefusalReasonSchema.safeParse(reason);
  return parsed.success ? { reason: parsed.data, rest: text.slice(newline + 1) } : 'none';
}
