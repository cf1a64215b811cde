import { describe, expect, it } from 'vitest';
import { TerminalEventRouter, type TerminalEvent, type TerminalEventSink } from './event-router';

function recorder() {
  const seen: string[] = [];
  const sink: TerminalEventSink = {
    data: (p) => seen.push(`data:${p.data}`),
    status: (p) => seen.push(`status:${p.status}`),
  };
  return { seen, sink };
}
const data = (terminalId: string, text: string): TerminalEvent => ({ kind: 'data', payload: { terminalId, data: text, bytes: text.length } });
const status = (terminalId: string, s: 'connecting' | 'live' | 'closed' | 'lost'): TerminalEvent => ({ kind: 'status', payload: { terminalId, status: s } });

describe('TerminalEventRouter', () => {
  it('delivers events of a registered terminal in order', () => {
    const router = new TerminalEventRouter();
    const { seen, sink } = recorder();
    router.register('t1', sink);
    router.route('t1', status('t1', 'live'));
    router.route('t1', data('t1', 'a'));
    expect(seen).toEqual(['status:live', 'data:a']);
  });

  it('holds events that arrive before the open response, then hands them over first', () => {
    const router = new TerminalEventRouter();
    const end = router.beginOpen();
    router.route('t7', status('t7', 'connecting'));
    router.route('t7', data('t7', 'hello'));
    const { seen, sink } = recorder();
    router.register('t7', sink);
    router.route('t7', data('t7', ' world'));
    end();
    expect(seen).toEqual(['status:connecting', 'data:hello', 'data: world']);
  });

  it('drops events for unknown terminals when no open is in flight, and after unregister', () => {
    const router = new TerminalEventRouter();
    router.route('t1', data('t1', 'x'));
    const { seen, sink } = recorder();
    router.register('t2', sink);
    router.unregister('t2');
    const end = router.beginOpen();
    router.route('t2', data('t2', 'late'));
    end();
    expect(seen).toEqual([]);
    expect(router.dropped).toBe(2);
  });

  it('forgets held events once every open has settled', () => {
    const router = new TerminalEventRouter();
    const endA = router.beginOpen();
    const endB = router.beginOpen();
    router.route('t3', data('t3', 'x'));
    endA();
    endA(); // idempotent
    router.route('t3', data('t3', 'y'));
    endB();
    const { seen, sink } = recorder();
    router.register('t3', sink);
    expect(seen).toEqual([]);
    expect(router.dropped).toBe(2);
  });

  it('bounds what it holds', () => {
    const router = new TerminalEventRouter({ maxHeldTerminals: 2, maxHeldEvents: 3 });
    router.beginOpen();
    for (const id of ['t1', 't2', 't3']) for (let i = 0; i < 5; i++) router.route(id, data(id, String(i)));
    const a = recorder();
    const c = recorder();
    router.register('t1', a.sink);
    router.register('t3', c.sink);
    expect(a.seen).toEqual(['data:0', 'data:1', 'data:2']);
    expect(c.seen).toEqual([]);
    expect(router.dropped).toBe(2 + 2 + 5);
  });
});
