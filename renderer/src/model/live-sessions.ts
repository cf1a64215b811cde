// How many terminal sessions a disconnect from the gateway would end: the live ones and those
// still opening. Placeholders and ended panes lose nothing.
import type { PaneSession } from './workspace';

export function liveSessionCount(panes: Iterable<Pick<PaneSession, 'status'>>): number {
  let count = 0;
  for (const pane of panes) if (pane.status === 'live' || pane.status === 'connecting') count++;
  return count;
}
