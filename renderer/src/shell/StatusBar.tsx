import type { GatewayState } from '../../../shared/contract/client-api';
import type { Host } from '../../../shared/contract/inventory';
import type { MainSideLinkState } from '../api';
import { absoluteTime, nearestExpiry, relativeTime } from '../model/time';
import type { PaneView } from '../terminal';
import { useNow } from '../ui';
import { describeConnectionError } from '../model/connection-error-text';

interface Props {
  gateway: GatewayState | null;
  linkState: MainSideLinkState;
  panes: ReadonlyMap<string, PaneView>;
  hosts: Host[] | null;
  appInfo: { version: string; shell: 'electron' | 'browser' } | null;
  onPalette: () => void;
}

const STATUS_TEXT: Record<GatewayState['status'], string> = {
  disconnected: 'disconnected',
  connecting: 'connecting…',
  connected: 'connected',
  lost: 'connection lost',
};

export function StatusBar({ gateway, linkState, panes, hosts, appInfo, onPalette }: Props) {
  const now = useNow(30_000);
  const lost = linkState.status === 'lost';
  const status = lost ? 'lost' : (gateway?.status ?? 'connecting');
  const expiry = hosts ? nearestExpiry(hosts, now) : null;
  // Counted in panes, not tabs: a split tab holds several.
  const all = [...panes.values()];
  const sessions = all.length;
  const live = all.filter((p) => p.status === 'live').length;
  return (
    <footer className={`status-bar status-bar-${status}`} data-testid="status-bar">
      <span className="status-item status-gateway" title={gateway?.error && describeConnectionError(gateway.error, gateway.gateway)}>
        <span className={`dot dot-${status}`} aria-hidden="true" />
        {lost ? 'App main side lost' : `${gateway?.gateway?.name ?? 'gateway'}: ${gateway ? STATUS_TEXT[gateway.status] : '…'}`}
      </span>
      {gateway?.gateway && <span className="status-item">{gateway.gateway.user}</span>}
      {expiry && (
        <span className={`status-item${expiry.at - now < 3_600_000 ? ' status-warn' : ''}`} title={`Access to ${expiry.host} ends ${absoluteTime(expiry.at)}`} data-testid="nearest-expiry">
          access to {expiry.host} ends {relativeTime(expiry.at, now)}
        </span>
      )}
      <span className="status-spacer" />
      <span className="status-item" data-testid="live-terminals">
        {live} live {live === 1 ? 'terminal' : 'terminals'}
        {sessions > live ? ` · ${sessions} panes` : ''}
      </span>
      <button type="button" className="status-item status-button" onClick={onPalette} title="Command palette">
        Ctrl+Shift+P
      </button>
      {appInfo && (
        <span className="status-item muted-on-bar">
          Portcullis {appInfo.version} · {appInfo.shell}
        </span>
      )}
    </footer>
  );
}
