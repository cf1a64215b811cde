// The gateway's host key: ask on first sight (TOFU), stop hard when it changed.
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
  return (
    <ConfirmDialog
      title="Is this the right gateway?"
      testId="hostkey-trust"
      confirmLabel="Trust and connect"
      onConfirm={onTrust}
      onCancel={onCancel}
      cancelTestId="hostkey-cancel"
      confirmTestId="hostkey-trust-button"
    >
      <p>
        This is the first connection to <strong>{gateway}</strong>. Its identity (host key) is not known yet:
      </p>
      <div className="fingerprint-box">
        <div className="fingerprint-label">{check.keyType} key fingerprint</div>
        <code className="fingerprint" data-testid="hostkey-fingerprint">
          {check.fingerprint}
        </code>
      </div>
      <p className="muted">
        Compare it with the fingerprint your administrator published (on the gateway: <code>ssh-keygen -lf</code> on its host key). Trust it only if
        they match; Portcullis remembers it and checks it on every connection.
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
  return (
    <Dialog
      title="The gateway's identity has changed — connection stopped"
      tone="danger"
      testId="hostkey-changed"
      onCancel={onClose}
      footer={
        <button type="button" className="button" data-testid="hostkey-changed-close" onClick={onClose}>
          Close
        </button>
      }
    >
      <p>
        <strong>{gateway}</strong> ({address}) presented a different host key from the one trusted before
        {check.source === 'known_hosts' ? ' (in ~/.ssh/known_hosts)' : ''}. Portcullis did not log in and sent nothing.
      </p>
      <p>This happens for one of two reasons:</p>
      <ul>
        <li>
          someone is intercepting the connection (a <strong>man-in-the-middle</strong> attack) and could read everything you type, or
        </li>
        <li>the gateway was re-installed or its key was rotated.</li>
      </ul>
      <div className="fingerprint-compare">
        <div>
          <div className="fingerprint-label">Expected ({check.keyType})</div>
          <code className="fingerprint" data-testid="hostkey-expected">
            {check.expectedFingerprint ?? 'unknown'}
          </code>
        </div>
        <div>
          <div className="fingerprint-label">Presented</div>
          <code className="fingerprint fingerprint-bad" data-testid="hostkey-presented">
            {check.fingerprint}
          </code>
        </div>
      </div>
      <p>
        <strong>What to do:</strong> ask your gateway administrator whether the key was changed, and compare the presented fingerprint with the one
        they give you. Only if it matches, forget the old key deliberately:{' '}
        {check.source === 'known_hosts'
          ? 'remove its line from ~/.ssh/known_hosts (ssh-keygen -R HOST)'
          : 'open Gateway profiles (Ctrl+Shift+G) and press “Forget key” on this profile'}
        , then connect and you will be asked to trust the new key.
      </p>
    </Dialog>
  );
}
