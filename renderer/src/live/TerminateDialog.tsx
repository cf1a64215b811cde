// Ending someone's session is destructive: the reason is required (the user reads it), the focus
// starts in the reason, Enter there only adds to it, and the destructive button is reached by
// Tab or the mouse only. A refusal (an operator, a session that ended meanwhile) is shown here.
// A port forward is ended the same way (its id, a reason for the audit log); it has no terminal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERMINATE_REASON_MAX } from '../../../shared/contract/gateway-api/live';
import type { LiveForward, LiveSession } from '../../../shared/contract/live-sessions';
import type { PortcullisApi } from '../../../shared/contract/window';
import { CancelButton, Dialog, useLocale } from '../ui';
import { gatewayErrorText } from './wording';

interface Props {
  api: PortcullisApi;
  /** A session, or a port forward (kind `forward`). */
  session: LiveSession | LiveForward;
  onDone: () => void;
  onCancel: () => void;
}

export function TerminateDialog({ api, session, onDone, onCancel }: Props) {
  const { t } = useTranslation('live');
  const locale = useLocale();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canSubmit = reason.trim().length > 0 && !busy;
  const facts = { user: session.user, host: session.host, to: session.kind === 'forward' ? session.to : '' };
  const words = session.kind === 'forward' ? 'terminateForwardDialog' : 'terminateDialog';

  const terminate = () => {
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    api.request('live.terminate', { sessionId: session.id, reason: reason.trim() }).then(onDone, (e: unknown) => {
      setBusy(false);
      setError(gatewayErrorText(e, locale));
    });
  };

  return (
    <Dialog
      title={t(`${words}.title`, facts)}
      tone="danger"
      testId="live-terminate"
      onCancel={onCancel}
      initialFocus="[data-testid=live-terminate-reason]"
      footer={
        <>
          <CancelButton testId="live-terminate-cancel" onCancel={onCancel} />
          <button type="button" className="button button-danger" data-testid="live-terminate-confirm" disabled={!canSubmit} onClick={terminate}>
            {busy ? t('terminateDialog.busy') : t(`${words}.confirm`)}
          </button>
        </>
      }
    >
      <p>{t(`${words}.body`, facts)}</p>
      <label>
        {t(`${words}.reason`)}
        <textarea
          className="text-input"
          rows={3}
          maxLength={TERMINATE_REASON_MAX}
          data-testid="live-terminate-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error && (
        <p className="review-error" role="alert" data-testid="live-terminate-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
