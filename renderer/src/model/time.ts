// Access expiry as people read it: "in 3 h" plus the absolute local time. Pure (now is passed in).
import type { Host } from '../../../shared/contract/inventory';

export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  const units: Array<[number, string]> = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
  ];
  let text = 'less than a minute';
  for (const [ms, unit] of units) {
    if (abs >= ms) {
      text = `${Math.floor(abs / ms)} ${unit}`;
      break;
    }
  }
  if (text === 'less than a minute') return diff >= 0 ? 'in less than a minute' : 'just now';
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

/** "2026-11-22 18:00" in the local time zone. */
export function absoluteTime(at: number): string {
  const d = new Date(at);
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function describeAccessEnd(accessUntil: number | null | undefined, now: number): string {
  if (accessUntil === undefined) return 'unknown';
  if (accessUntil === null) return 'no end date';
  return `${accessUntil < now ? 'ended' : 'ends'} ${relativeTime(accessUntil, now)} (${absoluteTime(accessUntil)})`;
}

/** The host whose access ends first (in the future), for the status bar. */
export function nearestExpiry(hosts: readonly Host[], now: number): { host: string; at: number } | null {
  let best: { host: string; at: number } | null = null;
  for (const h of hosts) {
    const at = h.accessUntil;
    if (typeof at === 'number' && at > now && (!best || at < best.at)) best = { host: h.name, at };
  }
  return best;
}
