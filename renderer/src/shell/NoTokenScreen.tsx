// Shown in the browser shell when the page was opened without its per-launch token.
import { Trans, useTranslation } from 'react-i18next';

export function NoTokenScreen() {
  const { t } = useTranslation('shell');
  return (
    <div className="center-screen" data-testid="no-token">
      <div className="card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Portcullis
        </div>
        <h1>
          <Trans t={t} i18nKey="noToken.title" components={{ code: <code /> }} />
        </h1>
        <p>{t('noToken.body')}</p>
        <pre className="sample-url">http://127.0.0.1:PORT/#token=…</pre>
        <p className="muted">{t('noToken.hint')}</p>
      </div>
    </div>
  );
}
