import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayState } from '../../../shared/contract/client-api';
import type { Host } from '../../../shared/contract/inventory';
import type { MainSideLinkState } from '../api';
import { absoluteTime, nearestExpiry, relativeTime } from '../model/time';
import type { PaneView } from '../terminal';
import { useLocale, useNow } from '../ui';
import { describeConnectionError } from '../model/connection-error-text';

interface Props {
  gateway: GatewayState | null;
  linkState: MainSideLinkState;
  panes: ReadonlyMap<string, PaneView>;
  hosts: Host[] | null;
  appInfo: { version: string; shell: 'electron' | 'browser' } | null;
  onPalette: () => void;
  /** The areas' status items (the status slot). */
  items?: ReactNode;
}

export function StatusBar({ gateway, linkState, panes, hosts, appInfo, onPalette, items }: Props) {
  const { t } = useTranslation('shell');
  const locale = useLocale();
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
      <span className="status-item status-gateway" title={gateway?.error && describeConnectionError(gateway.error, gateway.gateway, locale)}>
        <span className={`dot dot-${status}`} aria-hidden="true" />
        {lost ? t('status.mainSideLost') : t('status.gateway', { name: gateway?.gateway?.name ?? t('status.defaultGateway'), status: gateway ? t(`status.${gateway.status}`) : '…' })}
      </span>
      {gateway?.gateway && <span className="status-item">{gateway.gateway.user}</span>}
      {expiry && (
        <span className={`status-item${expiry.at - now < 3_600_000 ? ' status-warn' : ''}`} title={t('status.accessEndsAt', { host: expiry.host, absolute: absoluteTime(expiry.at, locale.language) })} data-testid="nearest-expiry">
          {t(expiry.all ? 'status.allAccessEnds' : 'status.accessEnds', { host: expiry.host, relative: relativeTime(expiry.at, now, locale) })}
        </span>
      )}
      {items}
      <span className="status-spacer" />
      <span className="status-item" data-testid="live-terminals">
        {t('status.liveTerminals', { count: live })}
        {sessions > live ? t('status.panes', { count: sessions }) : ''}
      </span>
      <button type="button" className="status-item status-button" onClick={onPalette} title={t('actions.palette.open')}>
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
