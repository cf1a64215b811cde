// The export buttons of a session (player or sessions list): .cast and the evidence bundle, with
// a progress bar and cancel while one runs.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import { errorText } from '../ui';
import { Cancelled, exportBundle, exportCast } from './exports';
import type { PlayerTarget } from './review-store';

export function ExportBar({ api, target }: { api: PortcullisApi; target: PlayerTarget }) {
  const { t } = useTranslation('review');
  const [running, setRunning] = useState<{ kind: 'cast' | 'bundle'; fraction: number } | null>(null);
  const [result, setResult] = useState('');
  const abort = useRef<AbortController | null>(null);

  async function start(kind: 'cast' | 'bundle') {
    abort.current = new AbortController();
    setRunning({ kind, fraction: 0 });
    setResult('');
    const run = { signal: abort.current.signal, onProgress: (fraction: number) => setRunning({ kind, fraction }) };
    try {
      if (kind === 'cast') setResult(t('export.castDone', { file: await exportCast(api, target, run) }));
      else {
        const { file, fingerprint } = await exportBundle(api, target, run);
        setResult(t('export.done', { file, fingerprint }));
      }
    } catch (error) {
      setResult(error instanceof Cancelled ? t('export.cancelled') : t('error', { message: errorText(error) }));
    } finally {
      setRunning(null);
    }
  }

  const percent = running ? Math.round(running.fraction * 100) : 0;
  return (
    <div className="review-export" data-testid="review-export">
      <button type="button" disabled={!!running} onClick={() => void start('cast')} data-testid="review-export-cast">
        {t('export.cast')}
      </button>
      <button type="button" disabled={!!running} onClick={() => void start('bundle')} data-testid="review-export-bundle">
        {t('export.bundle')}
      </button>
      {running && (
        <>
          <progress max={100} value={percent} data-testid="review-export-progress" aria-label={t(running.kind === 'cast' ? 'export.castProgress' : 'export.progress', { percent })} />
          <button type="button" onClick={() => abort.current?.abort()} data-testid="review-export-cancel">
            {t('export.cancel')}
          </button>
        </>
      )}
      {result && (
        <span className="review-export-result" role="status" data-testid="review-export-result">
          {result}
        </span>
      )}
    </div>
  );
}
