// Access requests and grants as people read and type them: durations ("90m", "1h30m", "2d"), a
// live countdown ("1 h 05 min left"), a request's state as a catalog key, and which of the hosts
// the user sees a selector covers (the operator's preview; admins ask the gateway). Pure: the time
// and the locale are passed in; the words are the 'access' catalog's.
import type { AccessRequestState } from '../../../shared/contract/gateway-api/access';
import type { Host } from '../../../shared/contract/inventory';
import type { Locale } from './locale';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** The request dialog's ready-made windows. */
export const DURATION_PRESETS = [
  { id: '1h', ms: UNIT_MS.h },
  { id: '4h', ms: 4 * UNIT_MS.h },
  { id: '1d', ms: UNIT_MS.d },
] as const;

/**
 * A duration typed by a person: one or more `<number><unit>` parts (d, h, m; `1h30m`, `2d`,
 * `90m`), or a bare number of minutes. Null when it is not one (the form says how to write it).
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (/^\d{1,6}$/.test(t)) return Number(t) * UNIT_MS.m;
  if (!/^(\d{1,6}[dhm])+$/.test(t)) return null;
  let ms = 0;
  for (const [, n, unit] of t.matchAll(/(\d+)([dhm])/g)) ms += Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return ms;
}

/** "1 d 4 h", "2 h 05 min", "45 s": a span in at most two units, the larger first. */
export function spanText(ms: number, { t }: Locale): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return t('access:span.daysHours', { days, hours });
  if (hours > 0) return t('access:span.hoursMinutes', { hours, minutes: String(minutes).padStart(2, '0') });
  if (minutes > 0) return t('access:span.minutes', { minutes });
  return t('access:span.seconds', { seconds: s % 60 });
}

/** How long access (or a pending request) has left: "2 h 05 min left", "no end", "ended". */
export function countdownText(until: number | null, now: number, locale: Locale): string {
  if (until === null) return locale.t('access:countdown.noEnd');
  if (until <= now) return locale.t('access:countdown.ended');
  return locale.t('access:countdown.left', { span: spanText(until - now, locale) });
}

/** The catalog key that words a request's state ("pending", "denied: …"). */
export const requestStateKey = (state: AccessRequestState): string => `access:state.${state}`;

/** Whether `host` is covered by a grant selector (names, `node:a/b`, `k=v|w,k2=v`; "*": all). */
export function selectorCovers(selector: string, host: Host): boolean {
  const s = selector.trim();
  if (s === '*') return true;
  if (s.startsWith('node:')) {
    const path = s.slice(5).split('/').filter(Boolean);
    return host.nodes.some((node) => path.length > 0 && path.every((seg, i) => node[i] === seg));
  }
  const terms = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (!terms.some((x) => x.includes('='))) return terms.includes(host.name);
  return terms.every((term) => {
    const at = term.indexOf('=');
    const key = term.slice(0, at).trim();
    const values = term.slice(at + 1).split('|').map((v) => v.trim());
    return key in host.tags && values.includes(host.tags[key]!);
  });
}

/** Which of the hosts the user sees a selector covers, and (for a name list) the names not among them. */
export function localPreview(selector: string, hosts: readonly Host[]): { hosts: string[]; unseen: string[] } {
  const covered = hosts.filter((h) => selectorCovers(selector, h)).map((h) => h.name);
  const s = selector.trim();
  const names = s === '*' || s.startsWith('node:') || s.includes('=') ? [] : s.split(',').map((x) => x.trim()).filter(Boolean);
  const seen = new Set(covered);
  return { hosts: covered, unseen: names.filter((n) => !seen.has(n)) };
}
