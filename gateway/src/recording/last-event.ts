// The time of a recording's last complete event, read from the end of the file: what an
// interrupted session's end time is (the gateway died; the last thing recorded is the last
// thing known to have happened), without reading a large recording whole.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** One event line is at most ~200 KiB (a 32 KiB chunk, every byte escaped); read this much of the tail. */
const TAIL_BYTES = 1024 * 1024;

/** Seconds since the recording started of its last complete event; undefined when it has none. */
export function lastEventSeconds(file: string): number | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    const lines = buf.toString('utf8').split('\n');
    lines.pop(); // after the last newline: empty, or a line torn by a crash
    for (let i = lines.length - 1; i >= 0; i--) {
      const t = eventTime(lines[i]!);
      if (t !== undefined) return t;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function eventTime(line: string): number | undefined {
  if (!line.startsWith('[')) return undefined; // the header, or a line cut by the tail's start
  try {
    const v = JSON.parse(line) as unknown;
    return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined;
  } catch {
    return undefined;
  }
}
