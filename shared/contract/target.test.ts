// The target-name parser takes what any SSH client sends (user names, PORTCULLIS_TARGET): it must
// never throw, and what it accepts must format back to the same text. Seed fixed: reproducible.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTarget, parseLoginName, parseTarget } from './target';

const SEED = 20240611;
const nameChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-'.split(''));
const hostName = fc.string({ unit: nameChar, minLength: 1, maxLength: 30 }).filter((s) => /^[a-z0-9]/.test(s));
const loginName = fc.string({ unit: nameChar, minLength: 1, maxLength: 30 }).filter((s) => /^[a-z_]/.test(s));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: fc.constantFrom(':', '@', 'a', '-', '.', ' ', '\0'), maxLength: 40 }));

describe('target names', () => {
  it('parseTarget and parseLoginName never throw, on any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const target = parseTarget(text);
        if (target) expect(formatTarget(target)).toBe(text);
        const login = parseLoginName(text);
        if (login?.target) expect(`${login.user}:${formatTarget(login.target)}`).toBe(text);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('a well-formed target round-trips, alone and in a login name', () => {
    fc.assert(
      fc.property(hostName, loginName, hostName, (user, login, host) => {
        const target = parseTarget(`${login}@${host}`);
        expect(target).toEqual({ login, host });
        expect(parseTarget(formatTarget(target!))).toEqual(target);
        expect(parseLoginName(`${user}:${login}@${host}`)).toEqual({ user, target: { login, host } });
        expect(parseLoginName(user)).toEqual({ user });
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
