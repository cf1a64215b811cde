// Times and durations as admins type them on the command line.

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `30m`, `8h`, `7d`, `2w`, or combined like `1h30m`. Returns milliseconds. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (!/^(\d+[smhdw])+$/.test(s)) throw new Error(`invalid duration "${text}": use e.g. 30m, 8h, 7d, 1h30m`);
  let total = 0;
  for (const [, n, unit] of s.matchAll(/(\d+)([smhdw])/g)) total += Number(n) * UNIT_MS[unit!]!;
  if (total <= 0) throw new Error(`invalid duration "${text}": must be longer than zero`);
  return total;
}

/** `now`, an ISO 8601 date/time (`2026-01-31`, `2026-01-31T18:00Z`), or ms since the epoch. */
export function parseTime(text: string, now = Date.now()): number {
  const s = text.trim();
  if (s === 'now') return now;
  if (/^\d{10,}$/.test(s)) return Number(s);
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Error(`invalid time "${text}": use now, an ISO date like 2026-01-31T18:00Z, or ms since the epoch`);
  return t;
}
