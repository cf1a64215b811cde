// The gateway's host key: ask on first sight (TOFU), stop hard when it changed.
import { Trans, useTranslation } from 'react-i18next';
import type { HostKeyCheck } from '../../../shared/contract/profiles';
import { ConfirmDialog } from '../ui';
import { Dialog } from '../ui';

interface TrustProps {
  gateway: string;
  check: HostKeyCheck;
  onTrust: () => void;
  onCancel: () => void;
}

/** First connection: the fingerprint and "Trust and connect". Cancel has the focus, so Enter never trusts by accident. */
export function TrustHostKeyDialog({ gateway, check, onTrust, onCancel }: TrustProps) {
  const { t } = useTranslation('connection');
  return (
    <ConfirmDialog
      title={t('trust.title')}
      testId="hostkey-trust"
      confirmLabel={t('trust.confirm')}
      onConfirm={onTrust}
      onCancel={onCancel}
      cancelTestId="hostkey-cancel"
      confirmTestId="hostkey-trust-button"
    >
      <p>
        <Trans t={t} i18nKey="trust.first" values={{ gateway }} components={{ strong: <strong /> }} />
      </p>
      <div className="fingerprint-box">
        <div className="fingerprint-label">{t('trust.fingerprint', { keyType: check.keyType })}</div>
        <code className="fingerprint" data-testid="hostkey-fingerprint">
          {check.fingerprint}
        </code>
      </div>
      <p className="muted">
        <Trans t={t} i18nKey="trust.compare" components={{ code: <code /> }} />
      </p>
    </ConfirmDialog>
  );
}

interface ChangedProps {
  gateway: string;
  address: string;
  check: HostKeyCheck;
  onClose: () => void;
}

/** A changed key: no way to continue from here, only an explanation and what to do. */
export function ChangedHostKeyDialog({ gateway, address, check, onClose }: ChangedProps) {
  const { t } = useTranslation('connection');
  return (
    <Dialog
      title={t('changed.title')}
      tone="danger"
      testId="hostkey-changed"
      onCancel={onClose}
      footer={
        <button type="button" className="button" data-testid="hostkey-changed-close" onClick={onClose}>
          {t('changed.close')}
        </button>
      }
    >
      <p>
        <Trans
          t={t}
          i18nKey={check.source === 'known_hosts' ? 'changed.presentedKnownHosts' : 'changed.presented'}
          values={{ gateway, address }}
          components={{ strong: <strong /> }}
        />
      </p>
      <p>{t('changed.reasons')}</p>
      <ul>
        <li>
          <Trans t={t} i18nKey="changed.mitm" components={{ strong: <strong /> }} />
        </li>
        <li>{t('changed.rotated')}</li>
      </ul>
      <div className="fingerprint-compare">
        <div>
          <div className="fingerprint-label">{t('changed.expected', { keyType: check.keyType })}</div>
          <code className="fingerprint" data-testid="hostkey-expected">
            {check.expectedFingerprint ?? t('changed.unknown')}
          </code>
        </div>
        <div>
          <div className="fingerprint-label">{t('changed.presentedLabel')}</div>
          <code className="fingerprint fingerprint-bad" data-testid="hostkey-presented">
            {check.fingerprint}
          </code>
        </div>
      </div>
      <p>
        <Trans t={t} i18nKey={check.source === 'known_hosts' ? 'changed.whatToDoKnownHosts' : 'changed.whatToDo'} components={{ strong: <strong /> }} />
      </p>
    </Dialog>
  );
}
