// Search within a recording's output, fed chunk by chunk as they are fetched: each match is the
// time of the output event it ends in. Escape sequences are taken out first (colours, cursor moves)
// and a tail is kept between events, so a match split across events or chunks is still found.
import type { CastEvent } from './screen-ops';

/** CSI, OSC and two-byte escapes; what a person reads is what is left. */
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~])/g;
/** Beyond this many matches the search stops (the list would not help anyone). */
export const MAX_MATCHES = 1000;

export function visibleText(data: string): string {
  return data.replace(ESCAPES, '');
}

export class OutputSearch {
  readonly matches: number[] = [];
  private tail = '';
  private readonly needle: string;

  constructor(query: string) {
    this.needle = query.toLowerCase();
  }

  get full(): boolean {
    return this.matches.length >= MAX_MATCHES;
  }

  /** Scans events in order (one match per event: jumping there shows them all); false once full. */
  feed(events: readonly CastEvent[]): boolean {
    const n = this.needle.length;
    if (!n) return false;
    for (const [t, type, data] of events) {
      if (type !== 'o') continue;
      const text = this.tail + visibleText(data).toLowerCase();
      // A match wholly inside the kept tail was found with the event it ended in.
      let i = text.indexOf(this.needle);
      while (i !== -1 && i + n <= this.tail.length) i = text.indexOf(this.needle, i + 1);
      if (i !== -1 && this.matches.at(-1) !== t) this.matches.push(t);
      this.tail = n > 1 ? text.slice(-(n - 1)) : '';
      if (this.full) return false;
    }
    return true;
  }
}
