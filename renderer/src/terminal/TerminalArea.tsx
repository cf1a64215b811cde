import { Trans, useTranslation } from 'react-i18next';
import { formatShortcut, type ActionDef, type ActionId } from '../model/actions';
import type { PaneCommands } from './PaneMenu';
import type { SessionsSnapshot, SessionsStore } from './sessions-store';
import { PaneTree } from './PaneTree';
import { TabBar } from './TabBar';

interface Props {
  store: SessionsStore;
  sessions: SessionsSnapshot;
  /** The whole registry, for the empty state's hints. */
  actions: readonly ActionDef[];
  run: PaneCommands['run'];
  enabled: PaneCommands['enabled'];
}

export function TerminalArea({ store, sessions, actions, run, enabled }: Props) {
  const commands: PaneCommands = { actions, run, enabled };
  const { tabs, activeKey, panes } = sessions;
  return (
    <main className="terminal-area">
      {tabs.length > 0 && (
        <TabBar
          tabs={tabs}
          activeKey={activeKey}
          onActivate={(k) => store.activate(k)}
          onClose={(k) => store.close(k)}
          onRename={(k, title) => store.renameTab(k, title)}
          onDuplicate={(k) => store.duplicateTab(k)}
          onCloseOthers={(k) => store.closeOthers(k)}
        />
      )}
      <div className="panes">
        {tabs.map((tab) => (
          <div key={tab.key} className="tab-panel" role="tabpanel" hidden={tab.key !== activeKey} data-testid="tab-panel">
            <PaneTree tabKey={tab.key} node={tab.root} store={store} panes={panes} focusedPane={tab.focusedPane} visible={tab.key === activeKey} single={tab.paneCount === 1} commands={commands} />
          </div>
        ))}
        {tabs.length === 0 && <EmptyState actions={actions} />}
      </div>
    </main>
  );
}

const HINTS: ActionId[] = ['palette.open', 'pane.splitRight', 'pane.splitDown', 'tab.close', 'profiles.open'];

function EmptyState({ actions }: { actions: readonly ActionDef[] }) {
  const { t } = useTranslation('terminal');
  return (
    <div className="empty-state">
      <div className="empty-mark" aria-hidden="true" />
      <h2>{t('empty.title')}</h2>
      <p>
        <Trans t={t} i18nKey="empty.hint" components={{ kbd: <kbd /> }} />
      </p>
      <table className="hint-table">
        <tbody>
          {HINTS.map((id) => {
            const a = actions.find((x) => x.id === id);
            if (!a) return null;
            return (
              <tr key={id}>
                <td>{t(a.title)}</td>
                <td>
                  <kbd>{formatShortcut(a, t)}</kbd>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
