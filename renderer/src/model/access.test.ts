import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/inventory';
import en from '../access/locales/en.json';
import zhCN from '../access/locales/zh-CN.json';
import { countdownText, localPreview, parseDuration, requestStateKey, selectorCovers, spanText } from './access';
import { checkRequestForm, emptyRequestForm } from './access-request-form';
import { testLocale } from './locale-testing';

const EN = testLocale('en', { access: { en, 'zh-CN': zhCN } });
const ZH = testLocale('zh-CN', { access: { en, 'zh-CN': zhCN } });
const H = 3_600_000;

describe('durations as typed', () => {
  it('reads units, combinations and bare minutes', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration(' 1h30m ')).toBe(1.5 * H);
    expect(parseDuration('2D')).toBe(48 * H);
    expect(parseDuration('1d 4h')).toBe(28 * H);
    expect(parseDuration('45')).toBe(45 * 60_000);
  });
  it('refuses what is not a duration', () => {
    for (const bad of ['', 'h', '1.5h', '2 weeks', '-1h', '1s', '1h-', 'abc']) expect(parseDuration(bad), bad).toBeNull();
  });
});

describe('countdown wording', () => {
  const now = 1_000_000_000_000;
  it('says what is left in at most two units, the larger first', () => {
    expect(countdownText(now + 2 * H + 5 * 60_000 + 30_000, now, EN)).toBe('2 h 05 min left');
    expect(countdownText(now + 26 * H, now, EN)).toBe('1 d 2 h left');
    expect(countdownText(now + 14 * 60_000 + 59_000, now, EN)).toBe('14 min left');
    expect(countdownText(now + 42_500, now, EN)).toBe('42 s left');
    expect(countdownText(now + 2 * H + 5 * 60_000, now, ZH)).toBe('剩余 2 小时 05 分');
  });
  it('says when there is no end, or it has passed', () => {
    expect(countdownText(null, now, EN)).toBe('no end');
    expect(countdownText(now, now, EN)).toBe('ended');
    expect(countdownText(now - 1, now, ZH)).toBe('已结束');
    expect(spanText(0, EN)).toBe('0 s');
  });
});

describe('request states', () => {
  it('words each state with its facts (a denial with its reason)', () => {
    const facts = { by: 'ada', reason: 'not during the freeze', until: '14:00', expires: 'tomorrow' };
    expect(EN.t(requestStateKey('denied'), facts)).toBe('denied by ada: not during the freeze');
    expect(EN.t(requestStateKey('approved'), facts)).toBe('approved by ada — access until 14:00');
    expect(EN.t(requestStateKey('pending'), facts)).toBe('pending — expires tomorrow if nobody decides');
    for (const state of ['pending', 'approved', 'denied', 'expired', 'cancelled'] as const) expect(ZH.t(requestStateKey(state), facts)).not.toBe(requestStateKey(state));
  });
});

describe('selector preview on the hosts the user sees', () => {
  const host = (name: string, nodes: string[][], tags: Record<string, string>): Host => ({ name, address: '', nodes, tags, logins: [] });
  const hosts = [host('web-01', [['pay', 'web']], { env: 'prod', role: 'web' }), host('api-01', [['pay', 'api'], ['shared']], { env: 'prod', role: 'api' }), host('dev-01', [['payroll']], { env: 'dev' })];
  it('matches names, nodes (not prefixes of a segment) and tag expressions', () => {
    expect(localPreview('web-01,db-09', hosts)).toEqual({ hosts: ['web-01'], unseen: ['db-09'] });
    expect(localPreview('node:pay', hosts).hosts).toEqual(['web-01', 'api-01']);
    expect(localPreview('env=prod,role=web|api', hosts).hosts).toEqual(['web-01', 'api-01']);
    expect(localPreview('env = dev', hosts).hosts).toEqual(['dev-01']);
    expect(localPreview('*', hosts).hosts).toHaveLength(3);
    expect(selectorCovers('node:', hosts[0]!)).toBe(false);
  });
});

describe('the request form', () => {
  const form = { ...emptyRequestForm('web-01', 'deploy'), reason: 'INC-42' };
  it('turns a filled form into the params, presets and custom durations alike', () => {
    expect(checkRequestForm(form, EN)).toEqual({ ok: true, params: { hosts: 'web-01', login: 'deploy', durationMs: H, reason: 'INC-42' } });
    expect(checkRequestForm({ ...form, duration: '1d' }, EN)).toMatchObject({ ok: true, params: { durationMs: 24 * H } });
    expect(checkRequestForm({ ...form, duration: 'custom', custom: '2h30m' }, EN)).toMatchObject({ ok: true, params: { durationMs: 2.5 * H } });
  });
  it('says per field what is wrong, in plain words', () => {
    const check = checkRequestForm({ hosts: ' ', login: 'a b', duration: 'custom', custom: 'soon', reason: '  ' }, EN);
    expect(check).toEqual({
      ok: false,
      errors: { hosts: 'Required', login: 'A login account name, without spaces', custom: 'A duration such as 90m, 2h30m or 3d', reason: 'Required' },
    });
    expect(checkRequestForm({ ...form, duration: 'custom', custom: '8d' }, EN)).toEqual({ ok: false, errors: { custom: 'From 1 minute to 7 days' } });
    expect(checkRequestForm({ ...form, duration: 'custom', custom: '' }, ZH)).toEqual({ ok: false, errors: { custom: expect.any(String) } });
    expect(checkRequestForm({ ...form, reason: 'x'.repeat(501) }, EN)).toEqual({ ok: false, errors: { reason: 'At most 500 characters' } });
  });
});
