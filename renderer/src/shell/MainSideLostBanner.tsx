import { useTranslation } from 'react-i18next';

export function MainSideLostBanner({ reason }: { reason: string }) {
  const { t } = useTranslation('shell');
  return (
    <div className="banner banner-error" role="alert" data-testid="main-side-lost">
      <span className="banner-title">{t('mainSideLost.title')}</span>
      <span className="banner-detail">{reason}</span>
      <button type="button" className="button button-small" onClick={() => location.reload()}>
        {t('mainSideLost.reload')}
      </button>
    </div>
  );
}
