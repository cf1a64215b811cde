// The divider a pane writes when it starts a new session in the same terminal, worded in the active
// language (e2e/never-lose-work.spec.ts plays it into the real terminal: the scrollback stays).
import { describe, expect, it } from 'vitest';
import { testLocale } from '../model/locale-testing';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { newSessionLine } from './status-line';

const catalogs = { terminal: { en, 'zh-CN': zhCN } };
const EN = testLocale('en', catalogs);
const AT = new Date(2024, 0, 2, 14, 2, 11).getTime(); // local time, as the user reads it

describe('the new-session divider', () => {
  it('says when the new session began, in the active language', () => {
    const plain = (s: string) => s.replace(/\x1b\[[?!]?[0-9;]*[a-zA-Z]/g, '');
    expect(plain(newSessionLine(AT, { inAlternateScreen: false, atLineStart: true }, EN))).toBe('── new session 14:02:11 ──\r\n');
    expect(plain(newSessionLine(AT, { inAlternateScreen: false, atLineStart: true }, testLocale('zh-CN', catalogs)))).toBe('── 新会话 14:02:11 ──\r\n');
    expect(plain(newSessionLine(AT, { inAlternateScreen: false, atLineStart: false }, EN))).toBe('\r\n── new session 14:02:11 ──\r\n');
  });

  it('first leaves what the old session left on: its modes, mouse reporting, and the alternate screen only when on it', () => {
    // Leaving the alternate screen restores the saved cursor: off it, that would write over old lines.
    expect(newSessionLine(AT, { inAlternateScreen: true, atLineStart: true }, EN)).toMatch(/^\x1b\[\?1049l\x1b\[!p\x1b\[\?1000l/);
    expect(newSessionLine(AT, { inAlternateScreen: false, atLineStart: true }, EN)).toMatch(/^\x1b\[!p\x1b\[\?1000l/);
  });
});
