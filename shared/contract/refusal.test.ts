import { describe, expect, it } from 'vitest';
import { refusalMarkerLine, scanRefusalMarker } from './refusal';

const TAG = 'abcdefABCDEF0123456789';

describe('refusal marker', () => {
  it('reads its own marker and keeps the message after it', () => {
    const text = `${refusalMarkerLine(TAG, 'not_permitted')}portcullis: access denied\r\n`;
    expect(scanRefusalMarker(text, TAG)).toEqual({ reason: 'not_permitted', rest: 'portcullis: access denied\r\n' });
  });

  it('waits while the start could still be the marker, split anywhere', () => {
    const line = refusalMarkerLine(TAG, 'no_credential');
    for (let cut = 0; cut < line.indexOf('\n'); cut++) expect(scanRefusalMarker(line.slice(0, cut), TAG)).toBe('incomplete');
  });

  it('carries the facts of a login rule refusal, and reads none from words it does not know', () => {
    const facts = { cause: 'outside_window', rule: 3, opensAt: 1_765_094_400_000 } as const;
    const line = refusalMarkerLine(TAG, 'login_rule', facts);
    expect(line).toBe(`portcullis-refusal ${TAG} login_rule cause=outside_window rule=3 opens=1765094400000\r\n`);
    expect(scanRefusalMarker(`${line}portcullis: login refused\r\n`, TAG)).toEqual({ reason: 'login_rule', loginRule: facts, rest: 'portcullis: login refused\r\n' });
    expect(scanRefusalMarker(refusalMarkerLine(TAG, 'login_rule', { cause: 'source_not_allowed', rule: 1 }), TAG)).toEqual({ reason: 'login_rule', loginRule: { cause: 'source_not_allowed', rule: 1 }, rest: '' });
    expect(scanRefusalMarker(`portcullis-refusal ${TAG} login_rule cause=rm_rf rule=1\r\n`, TAG)).toEqual({ reason: 'login_rule', rest: '' });
    for (let cut = 0; cut < line.indexOf('\n'); cut++) expect(scanRefusalMarker(line.slice(0, cut), TAG)).toBe('incomplete');
  });

  it('does not take another tag, an unknown reason or ordinary stderr', () => {
    expect(scanRefusalMarker(refusalMarkerLine('x'.repeat(20), 'not_permitted'), TAG)).toBe('none');
    expect(scanRefusalMarker(`portcullis-refusal ${TAG} rm_rf\r\n`, TAG)).toBe('none');
    expect(scanRefusalMarker(`portcullis-refusal ${TAG} not_permitted extra\r\n`, TAG)).toBe('none');
    expect(scanRefusalMarker('bash: warning\r\n', TAG)).toBe('none');
    expect(scanRefusalMarker('portcullis-refusal but never a line end '.repeat(5), TAG)).toBe('none');
  });
});
