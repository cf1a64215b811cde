// Access expiry as people read it: "in 3 hours" plus the absolute local time, in the active
// language (Intl formats the numbers, units and dates). Pure (now and the locale are passed in).
import type { Host } from '../../../shared/contract/inventory';
import type { Locale } from './locale';

const UNITS: Array<[number, Intl.RelativeTimeFormatUnit]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

export function relativeTime(at: number, now: number, { t, language }: Locale): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  for (const [ms, unit] of UNITS) {
    if (abs >= ms) return new Intl.RelativeTimeFormat(language, { numeric: 'always' }).format(Math.sign(diff) * Math.floor(abs / ms), unit);
  }
  return diff >= 0 ? t('model:time.inLessThanAMinute') : t('model:time.justNow');
}

/** The date and time in the local time zone, as the language writes them. */
export function absoluteTime(at: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function describeAccessEnd(accessUntil: number | null | undefined, now: number, locale: Locale): string {
  const { t } = locale;
  if (accessUntil === undefined) return t('model:time.accessUnknown');
  if (accessUntil === null) return t('model:time.accessNoEnd');
  const facts = { relative: relativeTime(accessUntil, now, locale), absolute: absoluteTime(accessUntil, locale.language) };
  return accessUntil < now ? t('model:time.accessEnded', facts) : t('model:time.accessEnds', facts);
}

/** The host whose access ends first (in the future), for the status bar. */
export function nearestExpiry(hosts: readonly Host[], now: number): { host: string; at: number; all: boolean } | null {
  let best: { host: string; at: number } | null = null;
  // Whether every host the user may reach loses access at that same moment ("all grants end …").
  let all = true;
  for (const h of hosts) {
    const at = h.accessUntil;
    if (typeof at !== 'number' || at <= now) {
      if (at === null) all = false; // this one never ends
      continue;
    }
    if (best && at !== best.at) all = false;
    if (!best || at < best.at) best = { host: h.name, at };
  }
  return best && { ...best, all: all && hosts.length > 1 };
}
