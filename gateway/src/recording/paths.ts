// Where recordings live in the data dir: recordings/YYYY/MM/DD/<session id>.cast (UTC date of the
// start) with the keyframe index <session id>.idx beside it.
import { join } from 'node:path';

export const RECORDINGS_DIR = 'recordings';

/** The .cast path relative to the data dir (what the sessions table stores). */
export function recordingPath(sessionId: string, startedAt: number): string {
  const d = new Date(startedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  return join(RECORDINGS_DIR, String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()), `${sessionId}.cast`);
}

/** The keyframe index beside a .cast file. */
export const indexPathOf = (castPath: string) => castPath.replace(/\.cast$/, '.idx');
