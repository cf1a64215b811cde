import { useTranslation } from 'react-i18next';

/** The gateway connection dropped: one key (R) reconnects it and re-opens its terminals. */
export function LostBanner({ error, onReconnect }: { error: string | undefined; onReconnect: () => void }) {
  const { t } = useTranslation('connection');
  return (
    <div className="banner banner-warn" role="alert" data-testid="lost-banner">
      <span className="banner-title">{t('lost.title')}</span>
      {error && <span className="banner-detail">{error}</span>}
      <button type="button" className="button button-small" data-testid="reconnect" onClick={onReconnect}>
        {t('lost.reconnect')}
      </button>
    </div>
  );
}
