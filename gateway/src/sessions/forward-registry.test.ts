import { afterEach, describe, expect, it, vi } from 'vitest';
import { createForwardRegistry, FORWARD_BYTES_MS, type LiveForwardEntry } from './forward-registry';
import { createLiveFeed, type LiveChange } from './live-feed';

afterEach(() => {
  vi.useRealTimers();
});

function forward(id: string, counts: { sent: number; received: number }): LiveForwardEntry {
  return { id, user: 'alice', host: 'web-01', login: 'app', to: '127.0.0.1:5432', from: null, startedAt: 1, bytes: () => ({ ...counts }), cut: () => Promise.resolve(2) };
}

describe('the forward registry', () => {
  it('publishes opens, counts only when they changed, and closes once', () => {
    vi.useFakeTimers();
    const feed = createLiveFeed();
    const seen: LiveChange[] = [];
    feed.listen((c) => seen.push(c));
    const registry = createForwardRegistry(feed);
    const counts = { sent: 0, received: 0 };
    const remove = registry.add(forward('f1', counts));
    expect(seen).toEqual([{ change: 'forward-opened', forward: expect.objectContaining({ kind: 'forward', id: 'f1', bytesSent: 0, bytesReceived: 0 }) }]);
    vi.advanceTimersByTime(FORWARD_BYTES_MS); // idle: nothing
    expect(seen).toHaveLength(1);
    Object.assign(counts, { sent: 10, received: 20 });
    vi.advanceTimersByTime(FORWARD_BYTES_MS * 3); // told once, not at every tick
    expect(seen.slice(1)).toEqual([{ change: 'forward-bytes', id: 'f1', user: 'alice', bytesSent: 10, bytesReceived: 20 }]);
    expect(registry.get('f1')?.id).toBe('f1');
    remove();
    remove();
    expect(seen.filter((c) => c.change === 'forward-closed')).toHaveLength(1);
    expect(registry.list()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0); // no ticking without forwards
  });
});
