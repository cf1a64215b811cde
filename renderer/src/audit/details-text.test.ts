import { describe, expect, it } from 'vitest';
import { detailsText } from './details-text';

describe('audit row details', () => {
  it('reads as key=value pairs, a value with spaces quoted whole', () => {
    expect(detailsText({ host: 'web-01', login: 'root', reason: 'change window closed at 04:00', ms: 1520, ok: true })).toBe(
      'host=web-01  login=root  reason="change window closed at 04:00"  ms=1520  ok=true',
    );
  });

  it('quotes what could be mistaken for another pair or carries control characters, and keeps nested values as JSON', () => {
    expect(detailsText({ user: 'a=b', reason: 'x\u001b[31m', note: 'say "hi"' })).toBe('user="a=b"  reason="x\\u001b[31m"  note="say \\"hi\\""');
    expect(detailsText({ to: { host: 'db', port: 5432 }, list: [1, 2], none: null })).toBe('to={"host":"db","port":5432}  list=[1,2]  none=null');
  });
});
