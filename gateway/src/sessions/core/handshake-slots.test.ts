import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandshakeSlots, defaultHandshakeSlots, type HandshakeKind, type ReleaseSlot } from './handshake-slots';

/** Lets resolved acquisitions reach their `then`. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One acquisition as the test sees it. */
interface Ask {
  kind: HandshakeKind;
  abort: AbortController;
  release?: ReleaseSlot;
  released?: boolean;
  rejected?: unknown;
}

type Op = { op: 'ask'; kind: HandshakeKind } | { op: 'release'; pick: number } | { op: 'abort'; pick: number };

const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('ask' as const), kind: fc.constantFrom<HandshakeKind>('background', 'background', 'interactive') }),
    fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('abort' as const), pick: fc.nat() }),
  ),
  { maxLength: 60 },
);

describe('handshake slots', () => {
  it('never lets background handshakes past the limit, serves them in order, leaves no slot idle while one waits, and never holds an interactive one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), ops, async (limit, script: Op[]) => {
        const slots = createHandshakeSlots(limit);
        const asks: Ask[] = [];
        const grantedOrder: number[] = [];
        let grantedBefore = 0;
        for (const step of script) {
          if (step.op === 'ask') {
            const ask: Ask = { kind: step.kind, abort: new AbortController() };
            const index = asks.push(ask) - 1;
            const before = slots.inProgress;
            slots.acquire(step.kind, ask.abort.signal).then(
              (release) => {
                ask.release = release;
                if (ask.kind === 'background') grantedOrder.push(index);
              },
              (error: unknown) => (ask.rejected = error),
            );
            await settle();
            if (step.kind === 'interactive') expect(ask.release, 'an interactive handshake never waits').toBeDefined();
            if (step.kind === 'background' && before >= limit) expect(ask.release, 'no background slot past the limit').toBeUndefined();
          } else {
            const held = asks.filter((a) => (step.op === 'release' ? a.release && !a.released : !a.release && !a.rejected));
            const ask = held[step.pick % Math.max(1, held.length)];
            if (!ask) continue;
            if (step.op === 'release') {
              ask.release!();
              ask.released = true;
            } else ask.abort.abort(new Error('cancelled'));
            await settle();
          }
          const holding = asks.filter((a) => a.release && !a.released).length;
          const grantedNow = grantedOrder.length > grantedBefore;
          grantedBefore = grantedOrder.length;
          // A background handshake got its slot only if that kept them within the limit.
          if (grantedNow) expect(slots.inProgress).toBeLessThanOrEqual(limit);
          expect(asks.filter((a) => a.kind === 'background' && a.release && !a.released).length).toBeLessThanOrEqual(limit);
          expect(slots.inProgress).toBe(holding);
          const waiting = asks.filter((a) => !a.release && !a.rejected);
          expect(slots.waiting).toBe(waiting.length);
          // Work-conserving: a waiter means every slot is taken.
          if (waiting.length > 0) expect(slots.inProgress).toBeGreaterThanOrEqual(limit);
        }
        // Background handshakes got their slots in the order they asked.
        expect(grantedOrder).toEqual([...grantedOrder].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it('a released slot goes to the first background waiter; releasing twice frees one slot', async () => {
    const slots = createHandshakeSlots(1);
    const first = await slots.acquire('background');
    const order: string[] = [];
    const second = slots.acquire('background').then((r) => (order.push('second'), r));
    const third = slots.acquire('background').then((r) => (order.push('third'), r));
    await settle();
    expect(order).toEqual([]);
    first();
    first();
    await settle();
    expect(order).toEqual(['second']);
    (await second)();
    (await third)();
    expect(slots.inProgress).toBe(0);
  });

  it('an interactive handshake takes a slot past the limit, and background ones wait until it is done', async () => {
    const slots = createHandshakeSlots(1);
    const batch = await slots.acquire('background');
    const user = await slots.acquire('interactive');
    expect(slots.inProgress).toBe(2);
    let next: ReleaseSlot | undefined;
    void slots.acquire('background').then((r) => (next = r));
    batch();
    await settle();
    expect(next, 'the interactive one still holds the only slot').toBeUndefined();
    user();
    await settle();
    expect(next).toBeDefined();
  });

  it('a waiter whose signal aborts leaves the queue with the reason; an aborted signal is refused at once', async () => {
    const slots = createHandshakeSlots(1);
    const held = await slots.acquire('background');
    const abort = new AbortController();
    const waiting = slots.acquire('background', abort.signal);
    abort.abort(new Error('the batch job was cancelled'));
    await expect(waiting).rejects.toThrow('the batch job was cancelled');
    expect(slots.waiting).toBe(0);
    await expect(slots.acquire('interactive', abort.signal)).rejects.toThrow('the batch job was cancelled');
    held();
    expect(slots.inProgress).toBe(0);
  });

  it('refuses a limit that is not a whole number ≥ 1; defaults to four per CPU', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => createHandshakeSlots(bad)).toThrow(/whole number/);
    expect(defaultHandshakeSlots(2)).toBe(8);
    expect(defaultHandshakeSlots(0)).toBe(4);
  });
});

