import { describe, expect, it } from 'vitest';
import type { ReviewSessionRow } from '../../../shared/contract/gateway-api/review';
import { testLocale } from '../model/locale-testing';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { clockText, durationText, endText } from './session-row-text';

const locale = testLocale('en', { review: { en, 'zh-CN': zhCN } });
const row: ReviewSessionRow = {
  id: 's1', user: 'alice', host: 'web-01', login: 'root', source: '10.0.0.5:50000', kind: 'shell', batchJob: null, command: null,
  startedAt: 0, endedAt: 61_000, durationMs: 61_000, status: 'ended', endedBy: 'target', endReason: null, endActor: null,
  exitCode: 0, exitSignal: null, recorded: true, bytes: 10,
};

describe('how a session ended, worded from its codes', () => {
  it('exit code, signal, expiry, termination with who and why, crash, live', () => {
    expect(endText(row, locale)).toBe('exit 0');
    expect(endText({ ...row, exitCode: null, exitSignal: 'KILL' }, locale)).toBe('killed by KILL');
    expect(endText({ ...row, endedBy: 'expiry', exitCode: null, endReason: 'grant expired' }, locale)).toBe('cut at grant expiry');
    expect(endText({ ...row, endedBy: 'terminated', endActor: 'sam', endReason: 'policy\x1b[2J breach', exitCode: null }, locale)).toBe('terminated by sam: policy [2J breach');
    expect(endText({ ...row, status: 'interrupted', endedBy: 'crash', exitCode: null }, locale)).toBe('gateway crash');
    expect(endText({ ...row, status: 'interrupted', endedBy: null, exitCode: null }, locale)).toBe('gateway crash');
    expect(endText({ ...row, endedBy: 'client', exitCode: 130 }, locale)).toBe('closed by the user (exit 130)');
    expect(endText({ ...row, status: 'live', endedBy: null, exitCode: null }, locale)).toBe('live');
  });
  it('in Chinese too', () => {
    const zh = testLocale('zh-CN', { review: { en, 'zh-CN': zhCN } });
    expect(endText({ ...row, endedBy: 'expiry', exitCode: null }, zh)).toBe('授权到期被切断');
  });
  it('durations and the player clock', () => {
    expect(durationText(61_000, locale)).toBe('1 min 1 s');
    expect(durationText(3_725_000, locale)).toBe('1 h 2 min');
    expect(durationText(null, locale)).toBe('live');
    expect(clockText(12.7)).toBe('0:12');
    expect(clockText(3725)).toBe('1:02:05');
  });
});
