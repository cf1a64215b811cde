import { describe, expect, it } from 'vitest';
import { testLocale } from '../model/locale-testing';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { describeEnd as describeIn, describePaneState, openFailedLine as openFailedIn, sanitizeForTerminal, statusLine as statusLineIn, type TerminalEnd } from './status-line';

const EN = testLocale('en', { terminal: { en, 'zh-CN': zhCN } });
const ZH = testLocale('zh-CN', { terminal: { en, 'zh-CN': zhCN } });
const describeEnd = (end: TerminalEnd) => describeIn(end, EN);
const statusLine = (end: TerminalEnd, atLineStart: boolean) => statusLineIn(end, atLineStart, EN);
const openFailedLine = (message: string) => openFailedIn(message, EN);

describe('status line', () => {
  it('words the facts of a clean exit once: no "exit 0 … exit code 0"', () => {
    // What the main side sends when a shell exits 0 (electron/core/client-service.test.ts).
    expect(describeEnd({ status: 'closed', reason: 'ended', exitCode: 0 })).toBe('session closed: exit 0');
  });

  it('describes an exit code, a signal, and an end without either', () => {
    expect(describeEnd({ status: 'closed', reason: 'ended', signal: 'SIGTERM' })).toBe('session closed: signal SIGTERM');
    expect(describeEnd({ status: 'closed', reason: 'ended', exitCode: 130 })).toBe('session closed: exit 130');
    expect(describeEnd({ status: 'closed', reason: 'closed' })).toBe('session closed');
  });

  it('words a login rule refusal with its cause (the terminal pane and its header)', () => {
    const end = { status: 'closed', reason: 'refused', refusal: 'login_rule', loginRule: { cause: 'source_not_allowed', rule: 4 } } as const;
    expect(describeEnd(end)).toBe('refused by the gateway: your network address is not in the networks its login rules allow (rule 4)');
    expect(describePaneState(end, ZH)).toBe('你的网络地址不在其登录规则允许的网络内（规则 4）');
  });

  it('says why the connection went, from its code', () => {
    expect(describeEnd({ status: 'lost', reason: 'gateway_lost', connectionError: { code: 'gateway_closed' } })).toBe('connection lost: the gateway closed the connection');
    expect(describeEnd({ status: 'lost', reason: 'gateway_lost' })).toBe('connection lost');
    expect(describeEnd({ status: 'lost', reason: 'gateway_disconnected' })).toBe('connection lost: disconnected from the gateway');
    expect(describeEnd({ status: 'lost', reason: 'main_side_gone', detail: 'socket closed' })).toBe("connection lost: the app's main side is gone: socket closed");
  });

  it('words every end state in Simplified Chinese', () => {
    expect(describeIn({ status: 'closed', reason: 'ended', exitCode: 0 }, ZH)).toBe('会话已关闭：退出码 0');
    expect(describeIn({ status: 'closed', reason: 'ended', exitCode: 1, signal: 'SIGKILL' }, ZH)).toBe('会话已关闭：退出码 1，信号 SIGKILL');
    expect(describeIn({ status: 'closed', reason: 'closed' }, ZH)).toBe('会话已关闭');
    expect(describeIn({ status: 'lost', reason: 'gateway_lost' }, ZH)).toBe('连接已断开');
    expect(describeIn({ status: 'lost', reason: 'gateway_lost', connectionError: { code: 'gateway_closed' } }, ZH)).toBe('连接已断开：网关关闭了连接');
    expect(describeIn({ status: 'lost', reason: 'gateway_disconnected' }, ZH)).toBe('连接已断开：已与网关断开');
    expect(describeIn({ status: 'lost', reason: 'main_side_gone', detail: 'socket closed' }, ZH)).toBe('连接已断开：应用主进程已退出：socket closed');
    expect(openFailedIn('denied', ZH)).toContain('无法打开会话：denied');
  });

  it("words the gateway's refusal as an error with its reason, in red", () => {
    const refused = { status: 'closed', reason: 'refused', refusal: 'no_credential', exitCode: 1 } as const;
    expect(describeEnd(refused)).toBe('refused by the gateway: the gateway holds no credential for this login');
    expect(statusLine(refused, true)).toBe('\x1b[31m[refused by the gateway: the gateway holds no credential for this login]\x1b[0m\r\n');
    expect(describeIn({ status: 'closed', reason: 'refused', refusal: 'not_permitted' }, ZH)).toBe('被网关拒绝：无权使用此登录账户');
  });

  it('gives the pane header only what its "Session ended" / "Connection lost" does not say', () => {
    expect(describePaneState({ status: 'closed', reason: 'ended', exitCode: 3 }, EN)).toBe('exit 3');
    expect(describePaneState({ status: 'closed', reason: 'closed' }, EN)).toBeNull();
    expect(describePaneState({ status: 'closed', reason: 'refused', refusal: 'not_permitted', exitCode: 1 }, EN)).toBe('no access to this login');
    expect(describePaneState({ status: 'lost', reason: 'gateway_lost', connectionError: { code: 'connection_cut', detail: 'read ECONNRESET' } }, EN)).toBe(
      'the connection to the gateway was cut (read ECONNRESET)',
    );
    expect(describePaneState({ status: 'lost', reason: 'gateway_lost', connectionError: { code: 'gateway_silent' } }, EN)).toBe('the gateway stopped answering');
    expect(describePaneState({ status: 'lost', reason: 'gateway_lost' }, EN)).toBeNull();
  });

  it('has nothing to say while connecting or live', () => {
    expect(statusLine({ status: 'connecting' }, true)).toBeNull();
    expect(statusLine({ status: 'live' }, false)).toBeNull();
  });

  it('writes a dim line, breaking the current line only when needed', () => {
    expect(statusLine({ status: 'closed', exitCode: 0 }, true)).toBe('\x1b[2m[session closed: exit 0]\x1b[0m\r\n');
    expect(statusLine({ status: 'closed', exitCode: 0 }, false)).toBe('\r\n\x1b[2m[session closed: exit 0]\x1b[0m\r\n');
  });

  it('strips escape sequences and control characters from remote text', () => {
    const hostile = 'bye\x1b]52;c;ZXZpbA==\x07\r\nnow\x9b31m';
    const clean = sanitizeForTerminal(hostile);
    expect(clean).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(clean).toBe('bye ]52;c;ZXZpbA== now 31m');
    for (const end of [
      { status: 'lost', reason: 'gateway_lost', connectionError: { code: 'unreachable', detail: hostile } },
      { status: 'closed', reason: 'ended', signal: hostile },
    ] as const) {
      // Only our own SGR sequences remain.
      expect(statusLine(end, true)!.replace(/\x1b\[[0-9]+m/g, '')).not.toContain('\x1b');
    }
    expect(openFailedLine('denied\x1b[2J')).not.toContain('\x1b[2J');
  });
});
