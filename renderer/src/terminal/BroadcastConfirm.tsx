// Asked before broadcast typing first reaches production hosts (env=prod, or tags unknown): names
// them, in red as the batch job's production question. Cancel has the focus; declining leaves the
// group as it was.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmationText } from '../model/broadcast';
import { ConfirmDialog } from '../ui';
import type { BroadcastStore } from './broadcast-store';

export function BroadcastConfirm({ broadcast, onClose }: { broadcast: BroadcastStore; onClose: () => void }) {
  const { t } = useTranslation('terminal');
  const { pending } = useSyncExternalStore(broadcast.subscribe, broadcast.getSnapshot);
  if (!pending) return null;
  const close = (answer: 'confirm' | 'cancel') => {
    if (answer === 'confirm') broadcast.confirm();
    else broadcast.cancel();
    onClose();
  };
  return (
    <ConfirmDialog title={t('broadcast.confirm.title')} testId="broadcast-confirm" tone="danger" confirmLabel={t('broadcast.confirm.yes')} onConfirm={() => close('confirm')} onCancel={() => close('cancel')}>
      {confirmationText(pending.hosts, pending.total).map((line) => (
        <p key={line.key} data-testid="broadcast-confirm-line">
          {t(line.key, line.values)}
        </p>
      ))}
    </ConfirmDialog>
  );
}
