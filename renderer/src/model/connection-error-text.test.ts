import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_CODES } from '../../../shared/contract/client-api';
import { describeConnectionError as describe_ } from './connection-error-text';
import { testLocale } from './locale-testing';
import { absoluteTime } from './time';

const EN = testLocale('en');
const ZH = testLocale('zh-CN');
const describeConnectionError = (error: Parameters<typeof describe_>[0], gw?: Parameters<typeof describe_>[1]) => describe_(error, gw, EN);

const gateway = { name: 'lab', address: '127.0.0.1:2222', user: 'alice' };

describe('connection error text', () => {
  it('words every code the main side sends, naming the gateway', () => {
    for (const code of CONNECTION_ERROR_CODES) {
      const text = describeConnectionError({ code }, gateway);
      expect(text, code).not.toMatch(/\(\w+_\w+\)|undefined/);
      expect(text.length, code).toBeGreaterThan(10);
    }
    expect(describeConnectionError({ code: 'code_refused' }, gateway)).toMatch(/^gateway "lab" refused the code: connect again/);
    expect(describeConnectionError({ code: 'connection_refused' }, gateway)).toBe('nothing is listening at 127.0.0.1:2222 (gateway "lab")');
    expect(describeConnectionError({ code: 'key_refused', auth: 'agent' }, gateway)).toBe('gateway "lab" did not accept any key offered by ssh-agent for user "alice"');
  });

  it('uses the facts: durations, limits, key files', () => {
    expect(describeConnectionError({ code: 'prompt_timeout', seconds: 120 }, gateway)).toMatch(/within 2 minutes/);
    expect(describeConnectionError({ code: 'prompt_timeout', seconds: 1 }, gateway)).toMatch(/within 1 second:/);
    expect(describeConnectionError({ code: 'too_many_prompts', limit: 5 })).toMatch(/at most 5/);
    expect(describeConnectionError({ code: 'key_file_unreadable', keyFile: '/k', detail: 'missing' })).toBe('cannot read the key file /k: it does not exist');
  });

  it('words every code in Simplified Chinese too, with the same facts', () => {
    for (const code of CONNECTION_ERROR_CODES) {
      const text = describe_({ code }, gateway, ZH);
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, code).not.toMatch(/\{\{|undefined|model:/);
    }
    expect(describe_({ code: 'connection_refused' }, gateway, ZH)).toBe('127.0.0.1:2222 上没有服务在监听（网关“lab”）');
    expect(describe_({ code: 'prompt_timeout', seconds: 120 }, gateway, ZH)).toContain('2分钟内');
  });

  it('words a login refused by a login rule: its cause, its rule and when sign-in opens again, in English and Chinese', () => {
    const opensAt = Date.parse('2030-01-08T08:00:00Z');
    const when = (language: string) => absoluteTime(opensAt, language);
    expect(describeConnectionError({ code: 'login_refused', loginRule: { cause: 'source_not_allowed', rule: 1 } }, gateway)).toBe(
      'gateway "lab" refused the sign-in: your network address is not in the networks its login rules allow (rule 1)',
    );
    expect(describeConnectionError({ code: 'login_refused', loginRule: { cause: 'outside_window', rule: 3, opensAt } }, gateway)).toBe(
      `gateway "lab" refused the sign-in: it is outside the hours its login rules allow (rule 3); sign-in opens again ${when('en')}`,
    );
    expect(describe_({ code: 'login_refused', loginRule: { cause: 'outside_window', rule: 3, opensAt } }, gateway, ZH)).toBe(
      `网关“lab” 拒绝了登录：现在不在其登录规则允许的时段内（规则 3）；可于 ${when('zh-CN')} 再次登录`,
    );
    expect(describe_({ code: 'login_refused', loginRule: { cause: 'source_not_allowed', rule: 2 } }, gateway, ZH)).toBe('网关“lab” 拒绝了登录：你的网络地址不在其登录规则允许的网络内（规则 2）');
  });

  it('keeps raw text from the system harmless', () => {
    const text = describeConnectionError({ code: 'unreachable', detail: 'x\x1b]0;pwned\x07y' }, gateway);
    expect(text).not.toMatch(/[\u0000-\u001f]/);
  });
});
