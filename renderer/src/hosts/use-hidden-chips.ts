// How many of a row's chips are out of sight. The chip box wraps whole chips onto a second line
// that it clips, so a chip that does not fit vanishes whole; this counts those, measured after
// layout and again whenever the box's width changes (sidebar resized, "+N" appearing).
import { useLayoutEffect, useState, type RefObject } from 'react';

/** `chips` is what the box shows: measured again when it changes (rows are reused for other hosts). */
export function useHiddenChips(box: RefObject<HTMLElement | null>, chips: unknown): number {
  const [hidden, setHidden] = useState(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHidden(wrappedCount(Array.from(el.children, (c) => (c as HTMLElement).offsetTop)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [box, chips]);
  return hidden;
}

/** Of items laid out in a wrapping row (their offsetTop, in order), how many fell below the first line. */
export function wrappedCount(tops: readonly number[]): number {
  if (tops.length === 0) return 0;
  const first = tops[0]!;
  return tops.filter((top) => top > first).length;
}
