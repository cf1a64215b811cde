import { describe, expect, it } from 'vitest';
import { advance, markerLeft, nextMarker, playerKey, previousMarker } from './timeline';

const step = { pos: 10, wallDt: 1, speed: 1, idleCap: 0, lastEventT: 10, nextEventT: 100 as number | undefined };
const markers = [
  { id: 1, t: 5, command: 'ls' },
  { id: 2, t: 20, command: 'id' },
  { id: 3, t: 40, command: 'rm x' },
];

describe('advance', () => {
  it('plays wall time at the speed', () => {
    expect(advance({ ...step, speed: 4, wallDt: 0.5 })).toBe(12);
    expect(advance({ ...step, speed: 0.25 })).toBe(10.25);
  });
  it('cuts a pause longer than the idle cap: once the cap is played, the rest is skipped', () => {
    expect(advance({ ...step, idleCap: 2, pos: 11, wallDt: 0.5 })).toBe(11.5); // within the cap
    expect(advance({ ...step, idleCap: 2, pos: 11.5, wallDt: 1 })).toBe(100.5); // past it: to the next event, plus what is left
    expect(advance({ ...step, idleCap: 2, pos: 50, wallDt: 0.1 })).toBeCloseTo(100.1); // seeked into the pause
  });
  it('plays a pause within the cap, and any pause without a cap, as it was', () => {
    expect(advance({ ...step, idleCap: 200, pos: 11.5 })).toBe(12.5);
    expect(advance({ ...step, pos: 11.5 })).toBe(12.5);
    expect(advance({ ...step, idleCap: 2, nextEventT: undefined, pos: 20 })).toBe(21);
  });
});

describe('markers and keys', () => {
  it('places markers on the bar in %', () => {
    expect(markerLeft(20, 80)).toBe(25);
    expect(markerLeft(90, 80)).toBe(100);
    expect(markerLeft(3, 0)).toBe(0);
  });
  it('[ and ] go to the previous and next command; [ on a marker goes to the one before', () => {
    expect(previousMarker(markers, 20)?.id).toBe(1);
    expect(previousMarker(markers, 20.6)?.id).toBe(2);
    // Two commands typed a third of a second apart: [ from the second reaches the first.
    const quick = [...markers.slice(0, 2), { id: 9, t: 20.3, command: 'ls' }];
    expect(previousMarker(quick, 20.3)?.id).toBe(2);
    expect(nextMarker(quick, 20)?.id).toBe(9);
    expect(nextMarker(markers, 20)?.id).toBe(3);
    expect(nextMarker(markers, 41)).toBeUndefined();
    const at = { pos: 20, duration: 80, markers };
    expect(playerKey({ key: '[', shiftKey: false }, at)).toEqual({ kind: 'seek', to: 5, marker: 1 });
    expect(playerKey({ key: ']', shiftKey: false }, at)).toEqual({ kind: 'seek', to: 40, marker: 3 });
    expect(playerKey({ key: ']', shiftKey: false }, { ...at, pos: 50 })).toEqual({ kind: 'none' });
  });
  it('space toggles, ←/→ move 5 s, Shift 10 % of the recording, clamped to it; with Ctrl nothing', () => {
    const at = { pos: 20, duration: 80, markers };
    expect(playerKey({ key: ' ', shiftKey: false }, at)).toEqual({ kind: 'toggle' });
    expect(playerKey({ key: 'ArrowLeft', shiftKey: false }, at)).toEqual({ kind: 'seek', to: 15 });
    expect(playerKey({ key: 'ArrowRight', shiftKey: true }, at)).toEqual({ kind: 'seek', to: 28 });
    expect(playerKey({ key: 'ArrowLeft', shiftKey: false }, { ...at, pos: 2 })).toEqual({ kind: 'seek', to: 0 });
    expect(playerKey({ key: 'ArrowRight', shiftKey: true }, { ...at, pos: 79 })).toEqual({ kind: 'seek', to: 80 });
    expect(playerKey({ key: 'ArrowLeft', shiftKey: false, ctrlKey: true }, at)).toEqual({ kind: 'none' });
    expect(playerKey({ key: 'x', shiftKey: false }, at)).toEqual({ kind: 'none' });
  });
});
