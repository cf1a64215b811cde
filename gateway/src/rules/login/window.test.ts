import { describe, expect, it } from 'vitest';
import { formatDays, formatHours, instantOf, openUntil, parseDays, parseHours, parseTimeZone, type LoginWindow } from './window';

const at = (iso: string) => Date.parse(iso);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const win = (days: string, hours: string | null, tz: string): LoginWindow => ({ days: parseDays(days), hours: hours === null ? null : parseHours(hours), timeZone: parseTimeZone(tz) });
const until = (w: LoginWindow | LoginWindow[], now: string) => {
  const r = openUntil(Array.isArray(w) ? w : [w], at(now));
  return r.open ? iso(r.until) : 'closed';
};

describe('login rule windows: parsing', () => {
  it('reads days, ranges (wrapping too) and lists', () => {
    expect(parseDays('mon-fri')).toEqual([0, 1, 2, 3, 4]);
    expect(parseDays('fri-mon')).toEqual([0, 4, 5, 6]);
    expect(parseDays('Mon,wed, FRI')).toEqual([0, 2, 4]);
    expect(parseDays('saturday')).toEqual([5]);
    expect(formatDays(parseDays('mon-fri'))).toBe('mon-fri');
    expect(formatDays(parseDays('sat,sun'))).toBe('sat,sun');
    expect(formatDays(parseDays('mon,wed-fri'))).toBe('mon,wed-fri');
    expect(() => parseDays('mon-xyz')).toThrow('"xyz" is not a weekday');
    expect(() => parseDays('')).toThrow('no days');
  });

  it('reads hours, across midnight and up to 24:00', () => {
    expect(parseHours('08:00-20:00')).toEqual({ from: 480, to: 1200 });
    expect(parseHours('22:00-06:00')).toEqual({ from: 1320, to: 360 });
    expect(formatHours(parseHours('0:00-24:00'))).toBe('00:00-24:00');
    expect(() => parseHours('08:00-08:00')).toThrow('starts as it ends');
    expect(() => parseHours('00:00-24:00x')).toThrow('HH:MM');
    expect(() => parseHours('08:60-09:00')).toThrow('HH:MM');
    expect(() => parseHours('25:00-09:00')).toThrow('HH:MM');
    expect(() => parseHours('8-20')).toThrow('HH:MM');
  });

  it('takes IANA zone names only', () => {
    expect(parseTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(() => parseTimeZone('Mars/Olympus')).toThrow('not an IANA time zone');
    expect(() => parseTimeZone('+02:00')).toThrow('not an IANA time zone');
    expect(() => parseTimeZone('UTC+2')).toThrow('not an IANA time zone');
  });
});

describe('login rule windows: when they are open', () => {
  it('opens and closes at the stated wall-clock time, in winter and in summer (no hour shift)', () => {
    const berlin = win('mon-fri', '08:00-20:00', 'Europe/Berlin');
    // Winter (CET, +1): 08:00 is 07:00Z; summer (CEST, +2): 08:00 is 06:00Z.
    expect(until(berlin, '2024-01-15T06:59:00Z')).toBe('closed');
    expect(until(berlin, '2024-01-15T07:00:00Z')).toBe('2024-01-15T19:00:00.000Z');
    expect(until(berlin, '2024-07-15T06:00:00Z')).toBe('2024-07-15T18:00:00.000Z');
    expect(until(berlin, '2024-07-15T18:00:00Z')).toBe('closed');
    expect(until(berlin, '2024-07-13T12:00:00Z')).toBe('closed'); // a Saturday
  });

  it('is as long as the days around a DST change really are (Europe/Berlin)', () => {
    const night = win('sat', '22:00-06:00', 'Europe/Berlin');
    // 2024-03-31 02:00 CET → 03:00 CEST (01:00Z): Saturday 22:00 CET is 21:00Z, Sunday 06:00 CEST is 04:00Z — 7 hours.
    expect(until(night, '2024-03-30T21:00:00Z')).toBe('2024-03-31T04:00:00.000Z');
    expect(until(night, '2024-03-30T20:59:00Z')).toBe('closed');
    // 2024-10-27 03:00 CEST → 02:00 CET (01:00Z): Saturday 22:00 CEST is 20:00Z, Sunday 06:00 CET is 05:00Z — 9 hours.
    expect(until(night, '2024-10-26T20:00:00Z')).toBe('2024-10-27T05:00:00.000Z');
    expect(until(night, '2024-10-27T04:59:00Z')).toBe('2024-10-27T05:00:00.000Z');
  });

  it('closes at the change when the closing time is skipped, and at its first occurrence when repeated', () => {
    const lateBerlin = win('sat', '20:00-02:30', 'Europe/Berlin');
    expect(until(lateBerlin, '2024-03-30T22:00:00Z')).toBe('2024-03-31T01:00:00.000Z'); // 02:30 never happens that night
    expect(until(lateBerlin, '2024-10-26T22:00:00Z')).toBe('2024-10-27T00:30:00.000Z'); // 02:30 CEST, the first one
    expect(instantOf(Date.UTC(2024, 2, 10, 2, 30), 'America/New_York')).toBe(at('2024-03-10T07:00:00Z'));
  });

  it('America/New_York across both changes', () => {
    const ny = win('mon-sun', '09:00-17:00', 'America/New_York');
    expect(until(ny, '2024-03-09T14:00:00Z')).toBe('2024-03-09T22:00:00.000Z'); // EST, −5
    expect(until(ny, '2024-03-10T13:00:00Z')).toBe('2024-03-10T21:00:00.000Z'); // EDT, −4, the day of the change
    expect(until(ny, '2024-03-10T13:59:00Z')).toBe('2024-03-10T21:00:00.000Z');
    expect(until(ny, '2024-03-10T12:59:00Z')).toBe('closed');
    expect(until(ny, '2024-11-03T14:00:00Z')).toBe('2024-11-03T22:00:00.000Z'); // back to EST
    expect(until(ny, '2024-11-03T13:59:00Z')).toBe('closed');
  });

  it('runs the after-midnight part on the next day only for a listed start day', () => {
    const fridayNight = win('fri', '22:00-06:00', 'UTC');
    expect(until(fridayNight, '2024-01-13T05:00:00Z')).toBe('2024-01-13T06:00:00.000Z'); // Saturday morning
    expect(until(fridayNight, '2024-01-12T05:00:00Z')).toBe('closed'); // Friday morning: Thursday is not listed
  });

  it('counts windows that meet or overlap as one stretch, and a week-round one as never closing', () => {
    const day = win('mon-sun', '08:00-20:00', 'UTC');
    const night = win('mon-sun', '20:00-08:00', 'UTC');
    expect(until([day, night], '2024-01-15T10:00:00Z')).toBeNull();
    expect(until(win('mon-sun', null, 'Asia/Tokyo'), '2024-01-15T10:00:00Z')).toBeNull();
    expect(until(win('mon-sat', null, 'UTC'), '2024-01-15T10:00:00Z')).toBe('2024-01-21T00:00:00.000Z'); // closes Sunday 00:00
    expect(until([win('mon', '08:00-12:00', 'UTC'), win('mon', '11:00-14:00', 'UTC')], '2024-01-15T09:00:00Z')).toBe('2024-01-15T14:00:00.000Z');
    // Windows in different zones chain too: 08:00-12:00 UTC then 13:00-15:00 Berlin (12:00Z-14:00Z in winter).
    expect(until([win('mon', '08:00-12:00', 'UTC'), win('mon', '13:00-15:00', 'Europe/Berlin')], '2024-01-15T09:00:00Z')).toBe('2024-01-15T14:00:00.000Z');
  });
});
