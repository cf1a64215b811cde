// The questions that keep work from being lost by accident: disconnecting with live sessions, and
// opening a host while disconnected. Cancel has the focus in both, so Enter changes nothing.
import { Trans, useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../ui';

/** "Disconnect and end 3 live sessions?" */
export function DisconnectDialog({ gateway, sessions, onDisconnect, onCancel }: { gateway: string; sessions: number; onDisconnect: () => void; onCancel: () => void }) {
  const { t } = useTranslation('connection');
  return (
    <ConfirmDialog title={t('disconnect.title', { count: sessions })} testId="disconnect-confirm" confirmLabel={t('disconnect.confirm')} onConfirm={onDisconnect} onCancel={onCancel}>
      <p>
        <Trans t={t} i18nKey="disconnect.body" values={{ gateway, count: sessions }} components={{ strong: <strong /> }} />
      </p>
    </ConfirmDialog>
  );
}

/** Opening `what` needs the gateway: connect first (then it opens), or cancel (nothing opens). */
export function ConnectFirstDialog({ gateway, what, onConnect, onCancel }: { gateway: string; what: string; onConnect: () => void; onCancel: () => void }) {
  const { t } = useTranslation('connection');
  return (
    <ConfirmDialog title={t('connectFirst.title', { gateway })} testId="connect-first" confirmLabel={t('connectFirst.confirm')} onConfirm={onConnect} onCancel={onCancel}>
      <p>
        <Trans t={t} i18nKey="connectFirst.body" values={{ gateway, what }} components={{ strong: <strong />, code: <code /> }} />
      </p>
    </ConfirmDialog>
  );
}
