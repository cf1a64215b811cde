import { describe, expect, it } from 'vitest';
import { liveSessionCount } from './live-sessions';

describe('the sessions a disconnect ends', () => {
  it('counts live panes and panes still opening, not placeholders nor ended panes', () => {
    const panes = (['live', 'connecting', 'placeholder', 'closed', 'lost', 'live'] as const).map((status) => ({ status }));
    expect(liveSessionCount(panes)).toBe(3);
    expect(liveSessionCount(new Map([['a', { status: 'closed' as const }]]).values())).toBe(0);
  });
});
