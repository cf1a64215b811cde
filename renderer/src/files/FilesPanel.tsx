// The file panel: an SFTP session to the focused pane's host, opened with the dialog and closed
// with it (closing ends its transfers). It lists a remote folder (folders first), walks into
// folders and up, uploads the files the user picks and downloads a file through the main side's
// one-time URLs (the same in Electron and the browser shell), with a progress bar and Cancel per
// transfer. What fails is shown from its code, in the catalog's words.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry, FileFailure, TransferProgress } from '../../../shared/contract/client-api/files';
import type { PortcullisApi } from '../../../shared/contract/window';
import { childPath, formatSize, parentPath, percentDone } from '../model/files-panel';
import { Dialog, errorText } from '../ui';

export interface FilesTarget {
  host: string;
  login: string;
}

type Session = { state: 'opening' } | { state: 'open'; filesId: string } | { state: 'failed'; message: string };
type Folder = { path: string; entries: FileEntry[]; truncated: boolean } | null;
interface TransferRow extends TransferProgress {
  name: string;
}

export function FilesPanel({ api, target, onClose }: { api: PortcullisApi; target: FilesTarget; onClose: () => void }) {
  const { t, i18n } = useTranslation('files');
  const [session, setSession] = useState<Session>({ state: 'opening' });
  const [folder, setFolder] = useState<Folder>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [transfers, setTransfers] = useState<TransferRow[]>([]);
  /** The path being typed into the path field, until Enter lists it. */
  const [typedPath, setTypedPath] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const filesId = session.state === 'open' ? session.filesId : null;

  const failure = useCallback((f: FileFailure) => (f.refusal === 'transfer_disabled' ? t('errors.transfer_disabled') : t(`errors.${f.error}`)), [t]);
  const unexpected = useCallback((error: unknown) => t('errors.unexpected', { detail: errorText(error) }), [t]);

  const list = useCallback(
    async (id: string, path: string) => {
      setLoading(true);
      try {
        const result = await api.request('files.list', { filesId: id, path });
        if (result.ok) {
          setFolder({ path: result.path, entries: result.entries, truncated: result.truncated });
          setProblem(null);
        } else setProblem(failure(result));
      } catch (error) {
        setProblem(unexpected(error));
      } finally {
        setLoading(false);
      }
    },
    [api, failure, unexpected],
  );

  // One SFTP session for as long as the panel is open (not one per language: the words are read through refs).
  const words = useRef({ failure, unexpected, list });
  words.current = { failure, unexpected, list };
  useEffect(() => {
    const { failure, unexpected, list } = words.current;
    let opened: string | null = null;
    let gone = false;
    api.request('files.open', target).then(
      (result) => {
        if (!result.ok) return !gone && setSession({ state: 'failed', message: failure(result) });
        opened = result.filesId;
        if (gone) return void api.request('files.close', { filesId: opened }).catch(() => {});
        setSession({ state: 'open', filesId: result.filesId });
        void list(result.filesId, result.home);
      },
      (error: unknown) => !gone && setSession({ state: 'failed', message: unexpected(error) }),
    );
    return () => {
      gone = true;
      if (opened) void api.request('files.close', { filesId: opened }).catch(() => {});
    };
  }, [api, target]);

  useEffect(
    () =>
      api.on('files.progress', (progress) =>
        setTransfers((rows) => rows.map((row) => (row.transferId === progress.transferId ? { ...row, ...progress } : row))),
      ),
    [api],
  );

  const addTransfer = (transferId: string, direction: 'upload' | 'download', name: string, total: number) =>
    setTransfers((rows) => [...rows, { transferId, direction, name, total, bytes: 0, state: 'waiting' }]);
  const markFailed = (transferId: string, message: string) => {
    setProblem(message);
    setTransfers((rows) => rows.map((row) => (row.transferId === transferId && row.state !== 'failed' ? { ...row, state: 'failed', error: 'failed' } : row)));
  };

  const upload = async (files: FileList | null) => {
    if (!filesId || !folder || !files) return;
    const directory = folder.path;
    for (const file of [...files]) {
      try {
        const ticket = await api.request('files.upload', { filesId, directory, name: file.name, size: file.size });
        if (!ticket.ok) {
          setProblem(`${file.name}: ${failure(ticket)}`);
          continue;
        }
        addTransfer(ticket.transferId, 'upload', file.name, file.size);
        // The browser streams the picked file from disk; the main side writes it to the host as it comes.
        void fetch(ticket.url, { method: 'PUT', body: file }).then(
          () => list(filesId, directory),
          (error: unknown) => markFailed(ticket.transferId, unexpected(error)),
        );
      } catch (error) {
        setProblem(`${file.name}: ${unexpected(error)}`);
      }
    }
    if (picker.current) picker.current.value = '';
  };

  const download = async (entry: FileEntry) => {
    if (!filesId || !folder) return;
    try {
      const ticket = await api.request('files.download', { filesId, path: childPath(folder.path, entry.name) });
      if (!ticket.ok) return setProblem(`${entry.name}: ${failure(ticket)}`);
      addTransfer(ticket.transferId, 'download', ticket.name, ticket.size);
      // A link to the main side's one-time URL: the browser (or Electron) saves what it streams.
      const link = document.createElement('a');
      link.href = ticket.url;
      link.download = ticket.name;
      link.click();
    } catch (error) {
      setProblem(`${entry.name}: ${unexpected(error)}`);
    }
  };

  const open = (entry: FileEntry) => {
    if (!filesId || !folder) return;
    if (entry.type === 'file') void download(entry);
    else void list(filesId, childPath(folder.path, entry.name));
  };

  const title = t('title', { target: `${target.login}@${target.host}` });
  return (
    <Dialog
      title={title}
      testId="files-panel"
      wide
      onCancel={onClose}
      footer={
        <button type="button" className="button" data-testid="files-close" onClick={onClose}>
          {t('close')}
        </button>
      }
    >
      {session.state === 'opening' && <p className="files-note">{t('opening')}</p>}
      {session.state === 'failed' && (
        <p className="files-error" role="alert" data-testid="files-error">
          {session.message}
        </p>
      )}
      {filesId && (
        <>
          <div className="files-toolbar">
            <button type="button" className="button" data-testid="files-up" disabled={!folder || folder.path === '/'} onClick={() => folder && void list(filesId, parentPath(folder.path))}>
              {t('up')}
            </button>
            <input
              className="files-path"
              data-testid="files-path"
              aria-label={t('path')}
              value={typedPath ?? folder?.path ?? ''}
              spellCheck={false}
              onChange={(e) => setTypedPath(e.target.value)}
              onKeyDown={(e) => {
                // Enter goes to the typed folder (an absolute path); the main side validates it again.
                if (e.key !== 'Enter' || typedPath === null) return;
                e.preventDefault();
                if (typedPath.startsWith('/')) void list(filesId, typedPath).then(() => setTypedPath(null));
              }}
            />
            <button type="button" className="button" data-testid="files-refresh" disabled={!folder} onClick={() => folder && void list(filesId, folder.path)}>
              {t('refresh')}
            </button>
            <button type="button" className="button button-primary" data-testid="files-upload" disabled={!folder} onClick={() => picker.current?.click()}>
              {t('upload')}
            </button>
            <input ref={picker} type="file" multiple hidden data-testid="files-picker" onChange={(e) => void upload(e.target.files)} />
          </div>
          {problem && (
            <p className="files-error" role="alert" data-testid="files-error">
              {problem}
            </p>
          )}
          {loading && !folder && <p className="files-note">{t('loading')}</p>}
          {folder && (
            <div className="files-list" role="list" data-testid="files-list" aria-busy={loading}>
              {folder.entries.length === 0 && <p className="files-note">{t('empty')}</p>}
              {folder.entries.map((entry) => (
                <div key={entry.name} className={`files-entry files-${entry.type}`} role="listitem" data-testid="files-entry" data-name={entry.name} data-type={entry.type}>
                  <button type="button" className="files-name" onClick={() => open(entry)} title={entry.name}>
                    {entry.name}
                    {/* As `ls -F` marks them: no icon font needed. */}
                    {entry.type === 'directory' ? '/' : entry.type === 'link' ? '@' : ''}
                  </button>
                  <span className="files-size">{entry.type === 'file' ? formatSize(entry.size, i18n.language) : ''}</span>
                  {entry.type === 'file' && (
                    <button type="button" className="button button-small" data-testid="files-download" onClick={() => void download(entry)}>
                      {t('download')}
                    </button>
                  )}
                </div>
              ))}
              {folder.truncated && <p className="files-note">{t('truncated', { total: folder.entries.length })}</p>}
            </div>
          )}
          {transfers.length > 0 && (
            <div className="files-transfers" data-testid="files-transfers">
              <h3>{t('transfers')}</h3>
              {transfers.map((row) => (
                <TransferLine key={row.transferId} row={row} onCancel={() => void api.request('files.cancel', { transferId: row.transferId }).catch(() => {})} failure={failure} />
              ))}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}

function TransferLine({ row, onCancel, failure }: { row: TransferRow; onCancel: () => void; failure: (f: FileFailure) => string }) {
  const { t } = useTranslation('files');
  const percent = percentDone(row.bytes, row.total, row.state === 'done');
  const running = row.state === 'waiting' || row.state === 'running';
  const state =
    row.state === 'running' ? t('state.running', { percent }) : row.state === 'failed' ? t('state.failed', { why: failure({ error: row.error ?? 'failed' }) }) : t(`state.${row.state}`);
  return (
    <div className="files-transfer" data-testid="files-transfer" data-state={row.state} data-direction={row.direction}>
      <span className="files-transfer-name">{t(`direction.${row.direction}`, { name: row.name })}</span>
      <progress max={100} value={percent} aria-label={row.name} />
      <span className="files-transfer-state">{state}</span>
      {running && (
        <button type="button" className="button button-small" data-testid="files-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </div>
  );
}
