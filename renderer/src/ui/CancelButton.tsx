// The Cancel button every dialog's footer starts with (ConfirmDialog, FormDialog): one wording, one look.
import { useTranslation } from 'react-i18next';

export function CancelButton({ testId, onCancel }: { testId: string; onCancel: () => void }) {
  const { t } = useTranslation('ui');
  return (
    <button type="button" className="button" data-testid={testId} onClick={onCancel}>
      {t('cancel')}
    </button>
  );
}
