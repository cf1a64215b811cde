import { describe, expect, it } from 'vitest';
import { CONNECTION_ERROR_CODES } from '../../../shared/contract/client-api';
import { describeConnectionError } from './connection-error-text';

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

  it('keeps raw text from the system harmless', () => {
    const text = describeConnectionError({ code: 'unreachable', detail: 'x\x1b]0;pwned\x07y' }, gateway);
    expect(text).not.toMatch(/[\u0000-\u001f]/);
  });
});
