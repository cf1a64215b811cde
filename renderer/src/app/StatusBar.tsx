import type { GatewayState } from '../../../shared/contract/client-api';
import type { MainSideLinkState } from '../api';
import type { TabView } from '../terminal/sessions-store';

interface Props {
  gateway: GatewayState | null;
  linkState: MainSideLinkState;
  tabs: readonly TabView[];
  appInfo: { version: string; shell: 'electron' | 'browser' } | null;
}

export function StatusBar({ gateway, linkState, tabs, appInfo }: Props) {
  const live = tabs.filter((t) => t.status === 'live').length;
  const lost = linkState.status === 'lost';
  const status = lost ? 'lost' : (gateway?.status ?? 'connecting');
  return (
    <footer className={`status-bar status-bar-${status}`} data-testid="status-bar">
      <span className="status-item status-gateway" title={gateway?.error}>
        <span className={`dot dot-${status}`} aria-hidden="true" />
        {lost ? 'App main side lost' : `${gateway?.gateway?.name ?? 'gateway'}: ${gateway?.status ?? '…'}`}
      </span>
      {gateway?.gateway && <span className="status-item">{gateway.gateway.user}</span>}
      <span className="status-spacer" />
      <span className="status-item" data-testid="live-terminals">
        {live} live {live === 1 ? 'terminal' : 'terminals'}
        {tabs.length > live ? ` · ${tabs.length} tabs` : ''}
      </span>
      {appInfo && (
        <span className="status-item muted-on-bar">
          Portcullis {appInfo.version} · {appInfo.shell}
        </span>
      )}
    </footer>
  );
}
