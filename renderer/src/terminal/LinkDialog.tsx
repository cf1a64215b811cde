import { Trans, useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui';

/** A link clicked in a terminal: show exactly where it goes, open only if the user says so. */
export function LinkDialog({ url, onOpen, onCancel }: { url: string; onOpen: () => void; onCancel: () => void }) {
  const { t } = useTranslation('terminal');
  const host = new URL(url).host;
  return (
    <ConfirmDialog
      title={t('link.title')}
      testId="link-dialog"
      confirmLabel={t('link.open')}
      onConfirm={onOpen}
      onCancel={onCancel}
      cancelTestId="link-cancel"
      confirmTestId="link-open"
    >
      <p>
        <Trans t={t} i18nKey="link.asks" values={{ host }} components={{ strong: <strong /> }} />
      </p>
      <code className="url-box">{url}</code>
      <p className="muted small">{t('link.warning')}</p>
    </ConfirmDialog>
  );
}
