// The dim line written into a terminal when its session ends, e.g. `[session closed: exit 0]`.
// Pure. The text comes from the main side (and partly from the gateway or target), so it is
// stripped of control characters before it reaches xterm: no escape sequences smuggled in
// (OSC 52 clipboard writes, title changes, ...).
import type { TerminalStatus } from '../../../shared/contract/client-api';

/** Removes C0/C1 control characters (including ESC) and collapses whitespace. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** What the user reads, e.g. "session closed: exit 0" or "connection lost: gateway restarted". */
export function describeEnd(status: Pick<TerminalStatus, 'status' | 'exitCode' | 'signal' | 'message'>): string | null {
  const message = status.message ? sanitizeForTerminal(status.message).slice(0, 500) : '';
  if (status.status === 'closed') {
    const parts: string[] = [];
    if (status.exitCode !== undefined) parts.push(`exit ${status.exitCode}`);
    if (status.signal) parts.push(`signal ${sanitizeForTerminal(status.signal).slice(0, 32)}`);
    if (message) parts.push(message);
    return parts.length ? `session closed: ${parts.join(', ')}` : 'session closed';
  }
  if (status.status === 'lost') return message ? `connection lost: ${message}` : 'connection lost';
  return null;
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/**
 * The bytes to write into xterm for a final status, or null for connecting/live.
 * `atLineStart`: the cursor is already in column 0, so no extra line break is needed first.
 */
export function statusLine(
  status: Pick<TerminalStatus, 'status' | 'exitCode' | 'signal' | 'message'>,
  atLineStart: boolean,
): string | null {
  const text = describeEnd(status);
  if (text === null) return null;
  return `${atLineStart ? '' : '\r\n'}${DIM}[${text}]${RESET}\r\n`;
}

/** A line for a terminal that could not be opened at all. */
export function openFailedLine(message: string): string {
  return `${RED}[could not open the session: ${sanitizeForTerminal(message).slice(0, 500)}]${RESET}\r\n`;
}
