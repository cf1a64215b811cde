// Weekday/hour windows of login rules, on the wall clock of a named IANA time zone. The zone's
// offset is read from Intl for each moment (never stored as a fixed offset), so a window "08:00 to
// 20:00 Europe/Berlin" opens at 08:00 Berlin time in winter and in summer, and the days around a
// DST change are as long as they really are.
//
// A window opens on each listed day at `from` and closes at `to`; when `to` is not after `from`
// (22:00-06:00) it closes on the next day, so the part after midnight belongs to the day it
// started (Friday 22:00 to Saturday 06:00 for "fri"). A wall time that does not exist (skipped by a
// spring-forward change) happens at the change; one that happens twice (fall back) at its first.
import type { LoginRuleProblemCode } from '../../../../shared/contract/gateway-api/login-rules';

export const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_A_DAY = 1440;

export interface LoginWindow {
  /** Weekdays it opens on, 0 = Monday … 6 = Sunday, sorted, unique. */
  days: number[];
  /** Minutes of the day: opens at `from`, closes at `to` (1440 = midnight after; `to <= from` crosses midnight). Null: all day. */
  hours: { from: number; to: number } | null;
  /** IANA name, canonical (as Intl resolves it). */
  timeZone: string;
}

/** A day, hour or zone text refused: the message for the CLI, the code and params for the app to word. */
export class WindowError extends Error {
  constructor(
    message: string,
    readonly code: LoginRuleProblemCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'WindowError';
  }
}

const dayIndex = (name: string) => {
  const i = DAY_NAMES.indexOf(name.trim().toLowerCase().slice(0, 3) as (typeof DAY_NAMES)[number]);
  if (i < 0 || !/^[a-z]{3,9}$/i.test(name.trim())) throw new WindowError(`"${name}" is not a weekday: use mon, tue, wed, thu, fri, sat, sun`, 'days_invalid', { text: name });
  return i;
};

/** `mon-fri`, `mon,wed,fri`, `fri-mon` (wraps over the weekend), `sat-sun`. */
export function parseDays(text: string): number[] {
  if (text.trim() === '') throw new WindowError('no days given: e.g. mon-fri or mon,wed,fri', 'days_empty');
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [a, b, extra] = part.split('-');
    if (extra !== undefined) throw new WindowError(`"${part}" is not a day or a range of days (mon-fri)`, 'days_invalid', { text: part });
    const start = dayIndex(a ?? '');
    const end = b === undefined ? start : dayIndex(b);
    for (let d = start; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === end) break;
    }
  }
  return [...days].sort((x, y) => x - y);
}

/** The shortest text for the days: `mon-fri`, `mon,wed,fri`, `sat-sun`; every day is `mon-sun`. */
export function formatDays(days: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    const [a, b] = [DAY_NAMES[days[i]!], DAY_NAMES[days[j]!]];
    runs.push(j === i ? a! : j === i + 1 ? `${a},${b}` : `${a}-${b}`);
    i = j + 1;
  }
  return runs.join(',');
}

const parseClock = (text: string, what: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > MINUTES_A_DAY) throw new WindowError(`"${text}" is not a ${what} time: use HH:MM from 00:00 to 24:00`, 'hours_invalid', { text });
  return minutes;
};

/** `08:00-20:00`, or `22:00-06:00` across midnight; `24:00` ends at midnight. */
export function parseHours(text: string): { from: number; to: number } {
  const [a, b, extra] = text.split('-');
  if (b === undefined || extra !== undefined) throw new WindowError(`"${text}" is not a time range: use HH:MM-HH:MM, e.g. 08:00-20:00 or 22:00-06:00`, 'hours_invalid', { text });
  const from = parseClock(a!, 'start');
  const to = parseClock(b, 'end');
  if (from === MINUTES_A_DAY) throw new WindowError(`"${text}": a window cannot start at 24:00 (write 00:00)`, 'hours_start_24', { text });
  if (from === to) throw new WindowError(`"${text}" starts as it ends: leave out the hours for the whole day`, 'hours_same', { text });
  return { from, to };
}

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export const formatHours = (hours: { from: number; to: number }) => `${clock(hours.from)}-${clock(hours.to)}`;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An IANA zone name, validated and canonical (`europe/berlin` → `Europe/Berlin`); offsets are refused. */
export function parseTimeZone(text: string): string {
  const name = text.trim();
  if (name === '' || /^[+-]|^(GMT|UTC)[+-]/i.test(name)) throw new WindowError(`"${text}" is not an IANA time zone name: use e.g. Europe/Berlin, America/New_York or UTC`, 'zone_invalid', { text });
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw new WindowError(`"${text}" is not an IANA time zone name: use e.g. Europe/Berlin, America/New_York or UTC`, 'zone_invalid', { text });
  }
}

/** The wall clock in `timeZone` at instant `t`, as ms since the epoch of that wall time read as UTC. */
export function wallTime(t: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The first instant whose wall time in `timeZone` is `wall` (or, in a skipped stretch, the change). */
export function instantOf(wall: number, timeZone: string): number {
  const offsetAt = (t: number) => wallTime(t, timeZone) - t;
  // The offsets a day before and a day after: one of them holds at the instant we look for.
  const before = wall - offsetAt(wall - DAY);
  const after = wall - offsetAt(wall + DAY);
  const exact = [before, after].filter((t) => wallTime(t, timeZone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  let [lo, hi] = [Math.min(before, after), Math.max(before, after)];
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallTime(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

export type Interval = readonly [start: number, end: number];

/** The window's open intervals that touch [from, to], in order. */
export function windowIntervals(window: LoginWindow, from: number, to: number): Interval[] {
  const firstDay = Math.floor(wallTime(from, window.timeZone) / DAY) - 1; // yesterday's window may run past midnight
  const lastDay = Math.floor(wallTime(to, window.timeZone) / DAY);
  const { from: open, to: close } = window.hours ?? { from: 0, to: MINUTES_A_DAY };
  const out: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    if (!window.days.includes(weekday)) continue;
    const start = instantOf(day * DAY + open * MINUTE, window.timeZone);
    const end = instantOf((close > open ? day : day + 1) * DAY + close * MINUTE, window.timeZone);
    if (end > from && start <= to) out.push([start, end]);
  }
  return out;
}

/** Longer than a week of being open: open for good (every schedule repeats weekly). */
const FOREVER = 7 * DAY + DAY;

/**
 * Whether any of the windows is open at `now`, and if so when that stretch closes (windows that
 * meet or overlap count as one): ms since epoch, or null when it never closes.
 */
export function openUntil(windows: readonly LoginWindow[], now: number): { open: false } | { open: true; until: number | null } {
  const horizon = now + FOREVER + DAY;
  const intervals = windows.flatMap((w) => windowIntervals(w, now, horizon)).sort((a, b) => a[0] - b[0]);
  if (!intervals.some(([s, e]) => s <= now && now < e)) return { open: false };
  let end = now;
  for (const [s, e] of intervals) {
    if (s > end) break;
    end = Math.max(end, e);
  }
  return { open: true, until: end - now >= FOREVER ? null : end };
}

/** When the first of the windows opens after `now` (ms since epoch), or null when none ever does. */
export function nextOpening(windows: readonly LoginWindow[], now: number): number | null {
  const starts = windows.flatMap((w) => windowIntervals(w, now, now + FOREVER)).map(([start]) => start).filter((start) => start > now);
  return starts.length > 0 ? Math.min(...starts) : null;
}
