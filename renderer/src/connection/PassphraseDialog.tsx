import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FormDialog } from '../ui';

/** The key file is encrypted: ask for its passphrase, sent once to connect (kept only if the profile opts in). */
export function PassphraseDialog({ keyFile, remembers, onSubmit, onCancel }: { keyFile: string; remembers: boolean; onSubmit: (p: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('connection');
  const [value, setValue] = useState('');
  return (
    <FormDialog title={t('passphrase.title')} testId="passphrase-dialog" submitLabel={t('passphrase.submit')} canSubmit={!!value} onSubmit={() => onSubmit(value)} onCancel={onCancel}>
      <p>
        <Trans t={t} i18nKey="passphrase.protected" values={{ keyFile }} components={{ code: <code /> }} />
      </p>
      <input className="text-input" type="password" autoComplete="off" aria-label={t('passphrase.label')} data-testid="passphrase-input" value={value} onChange={(e) => setValue(e.target.value)} />
      <p className="muted small">{remembers ? t('passphrase.kept') : t('passphrase.notKept')}</p>
    </FormDialog>
  );
}
