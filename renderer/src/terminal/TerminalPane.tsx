// Shows a session's terminal. The session owns the xterm element, so a pane moved in the split tree
// (React remounts it) keeps its terminal; the ResizeObserver refits on every size change.
import { useEffect, useRef } from 'react';
import type { TerminalSession } from './session';

interface Props {
  session: TerminalSession;
  terminalId: string | null;
  /** In the active tab (shown). */
  visible: boolean;
  /** The focused pane of the active tab: it takes the keyboard. */
  focused: boolean;
}

export function TerminalPane({ session, terminalId, visible, focused }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    session.attach(container);
    const observer = new ResizeObserver(() => session.scheduleFit());
    observer.observe(container);
    return () => {
      observer.disconnect();
      session.detach();
    };
  }, [session]);

  useEffect(() => {
    if (!visible || !focused) return;
    session.scheduleFit();
    const frame = requestAnimationFrame(() => {
      // A menu or dialog that opened meanwhile keeps the keyboard: a tab's context menu activates
      // its tab, and the terminal shown then must not take the arrows and Enter meant for the menu.
      if (!document.activeElement?.closest('[role="menu"], [aria-modal="true"]')) session.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [session, visible, focused]);

  return <div className="terminal-pane" role="group" aria-label={session.title} data-testid="terminal-pane" data-terminal-id={terminalId ?? ''} ref={ref} />;
}
