// A recording exported as asciicast v2 (`asciinema play` reads it), assembled from the chunks the
// player fetches: the header line from what `review.recording.open` and the session's row say,
// then one JSON array per event, in order.
import type { CastEvent } from './screen-ops';

export interface CastHeaderFacts {
  width: number;
  height: number;
  /** Session start, ms since the epoch. */
  startedAt: number;
  login: string;
  host: string;
  command: string | null;
}

export function castHeaderLine(f: CastHeaderFacts): string {
  const title = `${f.login}@${f.host}${f.command ? `: ${f.command}` : ''}`;
  return JSON.stringify({ version: 2, width: f.width, height: f.height, timestamp: Math.floor(f.startedAt / 1000), env: { TERM: 'xterm-256color' }, title }) + '\n';
}

export function castEventLines(events: readonly CastEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}

/** login@host-YYYYMMDD-HHMMSS.ext, in UTC, with anything odd in a name replaced. */
export function exportFileName(f: Pick<CastHeaderFacts, 'login' | 'host' | 'startedAt'>, ext: 'cast' | 'bundle'): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  const stamp = new Date(f.startedAt).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${safe(f.login)}@${safe(f.host)}-${stamp}.${ext}`;
}

/** Base64 from `review.bundle.chunk` to bytes. */
export function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const raw = atob(data);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
