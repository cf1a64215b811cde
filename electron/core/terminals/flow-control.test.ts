import { describe, expect, it } from 'vitest';
import { createFlowControl, DEFAULT_HIGH_WATERMARK, DEFAULT_LOW_WATERMARK } from './flow-control';

describe('flow control', () => {
  it('pauses once above the high watermark and resumes at the low one', () => {
    const flow = createFlowControl(100, 20);
    expect(flow.sent(60)).toBeNull();
    expect(flow.sent(40)).toBeNull(); // exactly at high: still flowing
    expect(flow.sent(1)).toBe('pause');
    expect(flow.paused).toBe(true);
    expect(flow.sent(50)).toBeNull(); // already paused: no second pause
    expect(flow.unacked).toBe(151);
    expect(flow.acked(100)).toBeNull(); // 51 left, above low
    expect(flow.acked(31)).toBe('resume'); // 20 = low
    expect(flow.paused).toBe(false);
    expect(flow.acked(20)).toBeNull();
    expect(flow.unacked).toBe(0);
  });

  it('never goes negative on over-acknowledgement', () => {
    const flow = createFlowControl(100, 20);
    flow.sent(10);
    expect(flow.acked(1000)).toBeNull();
    expect(flow.unacked).toBe(0);
    expect(flow.sent(101)).toBe('pause');
  });

  it('a single huge chunk pauses at once and a full ack resumes', () => {
    const flow = createFlowControl();
    expect(flow.sent(DEFAULT_HIGH_WATERMARK * 4)).toBe('pause');
    expect(flow.acked(DEFAULT_HIGH_WATERMARK * 4)).toBe('resume');
  });

  it('defaults are sane and bad watermarks are refused', () => {
    expect(DEFAULT_LOW_WATERMARK).toBeLessThan(DEFAULT_HIGH_WATERMARK);
    expect(() => createFlowControl(10, 10)).toThrow(RangeError);
    expect(() => createFlowControl(10, -1)).toThrow(RangeError);
  });
});
