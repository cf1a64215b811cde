import { describe, expect, it } from 'vitest';
import { auditQueryOf, EMPTY_AUDIT_FILTER } from './audit-query';

describe('the audit filter form', () => {
  it('sends only the fields filled in, trimmed, and local times as epoch ms', () => {
    expect(auditQueryOf(EMPTY_AUDIT_FILTER)).toEqual({ query: {} });
    expect(auditQueryOf({ ...EMPTY_AUDIT_FILTER, type: ' session.terminated ', user: 'alice', from: '2026-12-06T03:00', to: '2026-12-06T04:00' })).toEqual({
      query: { type: 'session.terminated', user: 'alice', from: new Date(2026, 11, 6, 3, 0).getTime(), to: new Date(2026, 11, 6, 4, 0).getTime() },
    });
  });

  it('names the bad field and sends nothing', () => {
    expect(auditQueryOf({ ...EMPTY_AUDIT_FILTER, from: 'yesterday' })).toEqual({ error: 'audit:filter.badTime.from' });
    expect(auditQueryOf({ ...EMPTY_AUDIT_FILTER, from: '2026-12-06T04:00', to: '2026-12-06T03:00' })).toEqual({ error: 'audit:filter.fromAfterTo' });
    expect(auditQueryOf({ ...EMPTY_AUDIT_FILTER, actor: 'x'.repeat(201) })).toEqual({ error: 'audit:filter.tooLong.actor' });
  });
});
