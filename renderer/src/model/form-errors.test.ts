import { describe, expect, it } from 'vitest';
import { ProfileInputSchema, SettingsSchema, toFieldIssues } from '../../../shared/contract/profiles';
import { fieldErrors } from './form-errors';
import { testLocale } from './locale-testing';

const EN = testLocale('en');
const ZH = testLocale('zh-CN');
const issuesOf = (schema: { safeParse: (v: unknown) => { error?: { issues: unknown[] } } }, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []) as Parameters<typeof fieldErrors>[0];

const profile = { name: 'lab', host: '127.0.0.1', port: 2222, user: 'alice', auth: { kind: 'agent' } };

describe('form errors', () => {
  it('words each field of the profile form once, in plain words, beside its path', () => {
    const issues = issuesOf(ProfileInputSchema, { ...profile, name: '', host: 'a b', port: Number.NaN, user: 'u'.repeat(65), auth: { kind: 'key', keyFile: '' } });
    expect(fieldErrors(issues, EN, { host: 'A host name or address, without spaces' })).toEqual({
      name: 'Required',
      host: 'A host name or address, without spaces',
      port: 'Enter a number',
      user: 'At most 64 characters',
      'auth.keyFile': 'Required',
    });
  });

  it('states numeric bounds as the language writes numbers', () => {
    expect(fieldErrors(issuesOf(ProfileInputSchema, { ...profile, port: 70000 }), EN)).toEqual({ port: 'At most 65,535' });
    expect(fieldErrors(issuesOf(ProfileInputSchema, { ...profile, port: 0 }), EN)).toEqual({ port: 'At least 1' });
    const settings = { theme: 'dark', fontFamily: 'mono', fontSize: 5.5, scrollback: 300_000 };
    expect(fieldErrors(issuesOf(SettingsSchema, settings), EN)).toEqual({ fontSize: 'Enter a whole number', scrollback: 'At most 200,000' });
    expect(fieldErrors(issuesOf(SettingsSchema, { ...settings, fontSize: 5, scrollback: 0 }), EN)).toEqual({ fontSize: 'At least 6' });
  });

  it('never passes on zod\'s own English, and puts form-wide problems under ""', () => {
    const issues = issuesOf(SettingsSchema, { theme: 'blue', fontFamily: '', fontSize: 12, scrollback: 1, extra: true });
    const errors = fieldErrors(issues, EN);
    expect(errors).toEqual({ theme: 'Choose one of the options', fontFamily: 'Required', '': 'Not a valid value' });
    for (const text of Object.values(errors)) expect(text).not.toMatch(/expected|Too (small|big)|Invalid input/);
  });

  it('words issues that crossed the API (the ssh_config import) as the forms do', () => {
    const issues = toFieldIssues(ProfileInputSchema.safeParse({ ...profile, port: 70000, user: '' }).error!.issues);
    expect(JSON.parse(JSON.stringify(issues))).toEqual(issues); // plain data
    expect(fieldErrors(issues, EN)).toEqual({ port: 'At most 65,535', user: 'Required' });
  });

  it('counts characters with the right plural, and has no plural in Chinese', () => {
    const short = [{ code: 'too_small', origin: 'string', minimum: 1, path: ['a'] }, { code: 'too_big', origin: 'string', maximum: 1, path: ['b'] }, { code: 'too_small', origin: 'string', minimum: 8, path: ['c'] }];
    expect(fieldErrors(short, EN)).toEqual({ a: 'Required', b: 'At most 1 character', c: 'At least 8 characters' });
    expect(fieldErrors(short, ZH)).toEqual({ a: '必填', b: '最多 1 个字符', c: '至少 8 个字符' });
  });
});
