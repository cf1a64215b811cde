import type { GatewayState } from '../../../shared/contract/client-api';
import { describeConnectionError } from '../model/connection-error-text';

const LABELS: Record<GatewayState['status'], string> = {
  disconnected: 'Disconnected',
  connecting: 'Connecting…',
  connected: 'Connected',
  lost: 'Connection lost',
};

interface Props {
  state: GatewayState | null;
  actionError: string | null;
  profileName: string | undefined;
  connect: () => void;
  disconnect: () => void;
  onProfiles: () => void;
  mainSideLost: boolean;
}

export function GatewayCard({ state: reported, actionError, profileName, connect, disconnect, onProfiles, mainSideLost }: Props) {
  // Without the main side the gateway is out of reach, whatever it last reported.
  const state: GatewayState | null = mainSideLost ? { ...reported, status: 'lost', error: undefined } : reported;
  const status = state?.status ?? 'connecting';
  const gateway = state?.gateway;
  const error = mainSideLost
    ? "The app's main side is gone, and with it the gateway connection."
    : state?.error && describeConnectionError(state.error, gateway);
  return (
    <section className="gateway-card" data-testid="gateway-status" data-status={state?.status ?? 'unknown'} aria-live="polite">
      <div className="gateway-head">
        <span className={`dot dot-${status}`} aria-hidden="true" />
        <span className="gateway-name" title={gateway?.address}>
          {gateway?.name ?? profileName ?? 'Gateway'}
        </span>
        <span className="gateway-status-label">{state ? LABELS[status] : 'Loading…'}</span>
      </div>
      {gateway && (
        <div className="gateway-detail">
          <span className="muted">as</span> <span className="gateway-user">{gateway.user}</span>{' '}
          <span className="muted">on {gateway.address}</span>
        </div>
      )}
      {error && status !== 'connected' && (
        <div className="gateway-error" role="alert">
          {error}
        </div>
      )}
      {actionError && <div className="gateway-error">{actionError}</div>}
      {state && !mainSideLost && (status === 'disconnected' || status === 'lost') && (
        <button type="button" className="button button-primary" onClick={connect}>
          {status === 'lost' ? 'Reconnect' : 'Connect'}
        </button>
      )}
      <div className="gateway-actions">
        {status === 'connected' && !mainSideLost && (
          <button type="button" className="button-link" onClick={disconnect}>
            Disconnect
          </button>
        )}
        <button type="button" className="button-link" data-testid="open-profiles" onClick={onProfiles} title="Gateway profiles (Ctrl+Shift+G)">
          Profiles…
        </button>
      </div>
    </section>
  );
}
