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

  it('does not take another tag, an unknown reason or ordinary stderr', () => {
    expect(scanRefusalMarker(refusalMarkerLine('x'.repeat(20), 'not_permitted'), TAG)).toBe('none');
    expect(scanRefusalMarker(`portcullis-refusal ${TAG} rm_rf\r\n`, TAG)).toBe('none');
    expect(scanRefusalMarker(`portcullis-refusal ${TAG} not_permitted extra\r\n`, TAG)).toBe('none');
    expect(scanRefusalMarker('bash: warning\r\n', TAG)).toBe('none');
    expect(scanRefusalMarker('portcullis-refusal but never a line end '.repeat(5), TAG)).toBe('none');
  });
});
