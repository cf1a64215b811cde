// Shows a session's terminal. Inactive panes stay mounted but hidden, so their terminals keep
// their state; the ResizeObserver refits on every size change, including becoming visible.
import { useEffect, useRef } from 'react';
import type { TerminalSession } from './session';

interface Props {
  session: TerminalSession;
  terminalId: string | null;
  active: boolean;
}

export function TerminalPane({ session, terminalId, active }: Props) {
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

  // The terminal takes focus when its tab opens or becomes active, so typing goes straight in.
  useEffect(() => {
    if (!active) return;
    session.scheduleFit();
    const frame = requestAnimationFrame(() => session.focus());
    return () => cancelAnimationFrame(frame);
  }, [session, active]);

  return (
    <div
      className={`terminal-pane${active ? ' terminal-pane-active' : ''}`}
      role="tabpanel"
      aria-label={session.title}
      hidden={!active}
      data-testid="terminal-pane"
      data-terminal-id={terminalId ?? ''}
      ref={ref}
    />
  );
}
