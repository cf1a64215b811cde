import { useState } from 'react';
import { FormDialog } from '../ui';

/** The key file is encrypted: ask for its passphrase, sent once to connect (kept only if the profile opts in). */
export function PassphraseDialog({ keyFile, remembers, onSubmit, onCancel }: { keyFile: string; remembers: boolean; onSubmit: (p: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState('');
  return (
    <FormDialog title="Passphrase for your key" testId="passphrase-dialog" submitLabel="Unlock and connect" canSubmit={!!value} onSubmit={() => onSubmit(value)} onCancel={onCancel}>
      <p>
        <code>{keyFile}</code> is protected by a passphrase.
      </p>
      <input className="text-input" type="password" autoComplete="off" aria-label="Passphrase" data-testid="passphrase-input" value={value} onChange={(e) => setValue(e.target.value)} />
      <p className="muted small">{remembers ? 'It will be kept in the OS keychain, as this profile asks.' : 'It is used for this connection only and not stored.'}</p>
    </FormDialog>
  );
}
