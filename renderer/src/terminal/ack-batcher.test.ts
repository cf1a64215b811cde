import { describe, expect, it } from 'vitest';
import { AckBatcher } from './ack-batcher';

function harness(maxBatchBytes?: number) {
  const sent: number[] = [];
  const scheduled: Array<{ run: () => void; cancelled: boolean }> = [];
  const batcher = new AckBatcher({
    send: (bytes) => sent.push(bytes),
    schedule: (callback) => {
      const entry = { run: callback, cancelled: false };
      scheduled.push(entry);
      return () => (entry.cancelled = true);
    },
    ...(maxBatchBytes ? { maxBatchBytes } : {}),
  });
  /** Fire every scheduled callback that was not cancelled (one "frame"). */
  const frame = () => {
    for (const entry of scheduled.splice(0)) if (!entry.cancelled) entry.run();
  };
  const live = () => scheduled.filter((e) => !e.cancelled).length;
  return { batcher, sent, frame, live };
}

describe('AckBatcher', () => {
  it('sends nothing before anything was drawn', () => {
    const { batcher, sent, frame, live } = harness();
    frame();
    batcher.flush();
    expect(sent).toEqual([]);
    expect(live()).toBe(0);
  });

  it('coalesces many small writes into one ack per frame', () => {
    const { batcher, sent, frame, live } = harness();
    for (let i = 0; i < 1000; i++) batcher.drawn(10);
    expect(sent).toEqual([]);
    expect(live()).toBe(1);
    frame();
    expect(sent).toEqual([10_000]);
    batcher.drawn(5);
    frame();
    expect(sent).toEqual([10_000, 5]);
  });

  it('flushes at once when a batch reaches maxBatchBytes, and cancels the pending frame', () => {
    const { batcher, sent, frame, live } = harness(100);
    batcher.drawn(60);
    expect(live()).toBe(1);
    batcher.drawn(60);
    expect(sent).toEqual([120]);
    expect(live()).toBe(0);
    frame();
    expect(sent).toEqual([120]);
  });

  it('never acknowledges more than was drawn, in total', () => {
    const { batcher, sent, frame } = harness(1000);
    let drawnTotal = 0;
    for (let i = 1; i <= 500; i++) {
      batcher.drawn(i);
      drawnTotal += i;
      if (i % 7 === 0) frame();
      const ackedTotal = sent.reduce((a, b) => a + b, 0);
      expect(ackedTotal).toBeLessThanOrEqual(drawnTotal);
    }
    frame();
    expect(sent.reduce((a, b) => a + b, 0)).toBe(drawnTotal);
    expect(sent.every((b) => Number.isInteger(b) && b > 0)).toBe(true);
  });

  it('ignores zero and invalid byte counts (terminal.ack wants a positive integer)', () => {
    const { batcher, sent, frame, live } = harness();
    batcher.drawn(0);
    batcher.drawn(-3);
    batcher.drawn(Number.NaN);
    expect(live()).toBe(0);
    frame();
    expect(sent).toEqual([]);
  });

  it('sends nothing after dispose, even if a frame was scheduled', () => {
    const { batcher, sent, frame, live } = harness();
    batcher.drawn(42);
    batcher.dispose();
    expect(live()).toBe(0);
    frame();
    batcher.drawn(7);
    batcher.flush();
    expect(sent).toEqual([]);
    expect(batcher.pendingBytes).toBe(0);
  });
});
