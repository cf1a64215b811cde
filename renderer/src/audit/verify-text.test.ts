import { describe, expect, it } from 'vitest';
import { testLocale } from '../model/locale-testing';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { verifyText } from './verify-text';

const EN = testLocale('en', { audit: { en, 'zh-CN': zhCN } });
const ZH = testLocale('zh-CN', { audit: { en, 'zh-CN': zhCN } });
const HEAD = 'ab'.repeat(32);

describe('verify the chain, worded', () => {
  it('says OK with the count and the head', () => {
    expect(verifyText({ ok: true, entries: 12345, head: HEAD }, EN)).toBe(`The chain is intact: 12,345 entries, head ${HEAD}.`);
    expect(verifyText({ ok: true, entries: 3, head: HEAD }, ZH)).toContain(HEAD);
  });

  it('names the first altered row and what is wrong with it, without control characters', () => {
    const text = verifyText({ ok: false, entries: 40, seq: 17, problem: 'hash mismatch\u001b[31m at #17' }, EN);
    expect(text).toBe('The chain is broken at entry #17 (of 40 checked): hash mismatch [31m at #17. Rows from there on cannot be trusted.');
  });
});
