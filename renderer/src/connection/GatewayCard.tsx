import { Trans, useTranslation } from 'react-i18next';
import type { GatewayState } from '../../../shared/contract/client-api';
import { describeConnectionError } from '../model/connection-error-text';
import { useLocale } from '../ui';

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
  const { t } = useTranslation('connection');
  const locale = useLocale();
  // Without the main side the gateway is out of reach, whatever it last reported.
  const state: GatewayState | null = mainSideLost ? { ...reported, status: 'lost', error: undefined } : reported;
  const status = state?.status ?? 'connecting';
  const gateway = state?.gateway;
  const error = mainSideLost
    ? t('card.mainSideGone')
    : state?.error && describeConnectionError(state.error, gateway, locale);
  return (
    <section className="gateway-card" data-testid="gateway-status" data-status={state?.status ?? 'unknown'} aria-live="polite">
      <div className="gateway-head">
        <span className={`dot dot-${status}`} aria-hidden="true" />
        <span className="gateway-name" title={gateway?.address}>
          {gateway?.name ?? profileName ?? t('card.gateway')}
        </span>
        <span className="gateway-status-label">{state ? t(`card.status.${status}`) : t('card.loading')}</span>
      </div>
      {gateway && (
        <div className="gateway-detail">
          <Trans t={t} i18nKey="card.as" values={{ user: gateway.user, address: gateway.address }} components={{ muted: <span className="muted" />, user: <span className="gateway-user" /> }} />
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
          {status === 'lost' ? t('card.reconnect') : t('card.connect')}
        </button>
      )}
      <div className="gateway-actions">
        {status === 'connected' && !mainSideLost && (
          <button type="button" className="button-link" onClick={disconnect}>
            {t('card.disconnect')}
          </button>
        )}
        <button type="button" className="button-link" data-testid="open-profiles" onClick={onProfiles} title={t('card.profilesTitle')}>
          {t('card.profiles')}
        </button>
      </div>
    </section>
  );
}
