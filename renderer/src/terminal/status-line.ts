// The dim line written into a terminal when its session ends, e.g. `[session closed: exit 0]`
// (red for the gateway's refusal), and the pane header's short state.
// Pure. The main side sends facts (reason, exit code, signal, the connection's error); this
// words them in the active language (the 'terminal' catalog), one function per end state. Remote text (a signal name, a system message) is
// stripped of control characters before it reaches xterm: no escape sequences smuggled in
// (OSC 52 clipboard writes, title changes, ...).
import type { TerminalStatus } from '../../../shared/contract/client-api';
import { describeConnectionError, describeLoginRule, sanitizeForDisplay } from '../model/connection-error-text';
import type { Locale } from '../model/locale';

/** Removes C0/C1 control characters (including ESC) and collapses whitespace. */
export const sanitizeForTerminal = sanitizeForDisplay;

/**
 * A terminal's end as the renderer knows it: the main side's facts, or the renderer's own when
 * the main side itself went away ('main_side_gone', with the link's reason as `detail`).
 */
export type TerminalEnd =
  | Pick<TerminalStatus, 'status' | 'reason' | 'exitCode' | 'signal' | 'connectionError' | 'refusal' | 'loginRule'>
  | { status: 'lost'; reason: 'main_side_gone'; detail: string };

/** "exit 3", "signal SIGTERM": the facts the target told of its end, or '' when it told none. */
function exitFacts(end: Pick<TerminalStatus, 'exitCode' | 'signal'>, { t }: Locale): string {
  const parts: string[] = [];
  if (end.exitCode !== undefined) parts.push(t('terminal:end.exit', { code: end.exitCode }));
  if (end.signal) parts.push(t('terminal:end.signal', { signal: sanitizeForTerminal(end.signal).slice(0, 32) }));
  return parts.join(t('terminal:end.factSeparator'));
}

/** 'closed': the target's session ended (with its exit code or signal when it told), or we closed it. */
function describeClosed(end: Pick<TerminalStatus, 'exitCode' | 'signal'>, locale: Locale): string {
  const facts = exitFacts(end, locale);
  return facts ? locale.t('terminal:end.closedBecause', { facts }) : locale.t('terminal:end.closed');
}

/** The gateway refused the session before anything ran: its reason (its own words are already in the pane). */
const describeRefused = (end: Pick<TerminalStatus, 'refusal' | 'loginRule'>, locale: Locale): string => locale.t('terminal:end.refused', { why: refusalWhy(end, locale) });

/** The refusal's reason; a login rule's with its cause and when sign-in opens again. */
const refusalWhy = (end: Pick<TerminalStatus, 'refusal' | 'loginRule'>, locale: Locale): string =>
  end.refusal === 'login_rule' ? describeLoginRule(end.loginRule, locale) : locale.t(`terminal:refusal.${end.refusal ?? 'other'}`);

/** Whether the end is the gateway's refusal: shown as an error, not as an ordinary end. */
export const isRefusal = (end: TerminalEnd): boolean => end.status === 'closed' && end.reason === 'refused';

/** Why the connection went, without the "connection lost" the pane already says, or null when unknown. */
function lostWhy(end: TerminalEnd, locale: Locale): string | null {
  const { t } = locale;
  if (end.reason === 'main_side_gone') return t('terminal:end.mainSideGone', { detail: sanitizeForTerminal(end.detail).slice(0, 300) });
  if (end.reason === 'gateway_disconnected') return t('terminal:end.gatewayDisconnected');
  if ('connectionError' in end && end.connectionError) return describeConnectionError(end.connectionError, undefined, locale);
  return null;
}

/** 'lost': the way to the target went away under the session. */
function describeLost(end: TerminalEnd, locale: Locale): string {
  const why = lostWhy(end, locale);
  return why ? locale.t('terminal:end.lostBecause', { why }) : locale.t('terminal:end.lost');
}

/** What the user reads, e.g. "session closed: exit 0" or "connection lost: the gateway closed the connection". */
export function describeEnd(end: TerminalEnd, locale: Locale): string | null {
  if (end.status === 'closed') return isRefusal(end) && 'refusal' in end ? describeRefused(end, locale) : describeClosed(end, locale);
  if (end.status === 'lost') return describeLost(end, locale);
  return null;
}

/**
 * The pane header's short state, beside the pane's own "Session ended" / "Connection lost":
 * only what that does not say already ("exit 3", the cause of a loss, the refusal's reason).
 */
export function describePaneState(end: TerminalEnd, locale: Locale): string | null {
  if (end.status === 'closed') {
    if (isRefusal(end) && 'refusal' in end) return refusalWhy(end, locale);
    return exitFacts(end, locale) || null;
  }
  if (end.status === 'lost') return lostWhy(end, locale);
  return null;
}

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/**
 * The bytes to write into xterm for a final status, or null for connecting/live.
 * `atLineStart`: the cursor is already in column 0, so no extra line break is needed first.
 */
export function statusLine(end: TerminalEnd, atLineStart: boolean, locale: Locale): string | null {
  const text = describeEnd(end, locale);
  if (text === null) return null;
  return `${atLineStart ? '' : '\r\n'}${isRefusal(end) ? RED : DIM}[${text}]${RESET}\r\n`;
}

/** A soft reset (DECSTR: modes and cursor visibility, not the screen) and no mouse reporting (DECSTR keeps it). */
const RESET_MODES = '\x1b[!p\x1b[?1000l\x1b[?1006l';
/** Back to the normal screen, its cursor restored (only from the alternate one: elsewhere it would move the cursor). */
const LEAVE_ALTERNATE_SCREEN = '\x1b[?1049l';

/** Where the terminal stands when a new session starts in it. */
export interface TerminalPlace {
  /** The old session left a full-screen program's (alternate) screen on. */
  inAlternateScreen: boolean;
  /** The normal screen's cursor is in column 0. */
  atLineStart: boolean;
}

/**
 * The divider written when a pane starts a new session in the same terminal, e.g.
 * `── new session 14:02:11 ──`. First it leaves whatever the old session left on (a full-screen
 * program's screen, its modes, mouse reporting), without clearing anything: the scrollback stays.
 */
export function newSessionLine(at: number, place: TerminalPlace, { t, language }: Locale): string {
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);
  const leave = `${place.inAlternateScreen ? LEAVE_ALTERNATE_SCREEN : ''}${RESET_MODES}`;
  return `${leave}${place.atLineStart ? '' : '\r\n'}${DIM}── ${t('terminal:pane.newSession', { time })} ──${RESET}\r\n`;
}

/** A line for a terminal that could not be opened at all. */
export function openFailedLine(message: string, { t }: Locale): string {
  return `${RED}[${t('terminal:end.openFailed', { detail: sanitizeForTerminal(message).slice(0, 500) })}]${RESET}\r\n`;
}
