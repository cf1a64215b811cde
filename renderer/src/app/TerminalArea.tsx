import type { SessionsSnapshot, SessionsStore } from '../terminal/sessions-store';
import { TerminalPane } from '../terminal/TerminalPane';
import { TabBar } from './TabBar';

interface Props {
  store: SessionsStore;
  sessions: SessionsSnapshot;
}

export function TerminalArea({ store, sessions }: Props) {
  const { tabs, activeKey } = sessions;
  return (
    <main className="terminal-area">
      {tabs.length > 0 && <TabBar tabs={tabs} activeKey={activeKey} onActivate={(k) => store.activate(k)} onClose={(k) => store.close(k)} />}
      <div className="panes">
        {tabs.map((tab) => {
          const session = store.session(tab.key);
          return session ? <TerminalPane key={tab.key} session={session} terminalId={tab.terminalId} active={tab.key === activeKey} /> : null;
        })}
        {tabs.length === 0 && <EmptyState />}
      </div>
    </main>
  );
}

function EmptyState() {
  return (
    <div className="empty-state">
      <div className="empty-mark" aria-hidden="true" />
      <h2>No terminal open</h2>
      <p>
        Double-click a host, or select it and press <kbd>Enter</kbd>, to open a terminal.
      </p>
      <p className="muted">
        <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>W</kbd> closes the current tab.
      </p>
    </div>
  );
}
