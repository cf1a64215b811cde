// A read-only view for end-to-end tests. xterm draws to canvas (WebGL) or to spans that do not
// hold the text in order, so Playwright reads terminals through this instead of the DOM. It
// exposes only what the page already shows: titles, sizes and the terminals' text.
import type { SessionsStore } from './terminal';
import type { TerminalSnapshot } from './terminal/session';

export interface PortcullisTestHook {
  /** Every open tab, in tab order. `terminalId` is '' until the main side has named the terminal. */
  terminals(): TerminalSnapshot[];
  /** The text before the cursor on its line, cheap enough to poll during a flood (null: no such terminal). */
  cursorLine(terminalId: string): string | null;
}

export function installTestHook(store: SessionsStore): void {
  const hook: PortcullisTestHook = Object.freeze({
    terminals: () => store.terminalSnapshots(),
    cursorLine: (terminalId: string) => store.cursorLine(terminalId),
  });
  Object.defineProperty(window, '__portcullisTest', { value: hook, writable: false, configurable: false });
}
