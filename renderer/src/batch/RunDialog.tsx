// The batch run dialog: which hosts (a selector, filled from the tree), checked with
// `batch.preview` (how many, which, which are not permitted, with a request for access to those,
// checked again whenever my access changes); the command or script and the rollout; each field's
// problem in plain words. Starting asks first, naming the host count, and
// loudly when production hosts (env=prod) are among them.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { ResultOf } from '../../../shared/rpc/protocol';
import type { ClientMethods } from '../../../shared/contract/client-api';
import type { Host } from '../../../shared/contract/inventory';
import { checkBatchForm, EMPTY_BATCH_FORM, type BatchField, type BatchForm, type FieldProblem } from '../model/batch-form';
import { accessToAsk, productionHosts, type AccessAskForJob } from '../model/batch-selection';
import { useMyAccess } from '../access';
import { CancelButton, Dialog, errorText } from '../ui';

/** A problem code as a catalog key (`too_many` would read as a plural form). */
const camel = (code: string) => code.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

type Preview = ResultOf<ClientMethods, 'batch.preview'>;
/** Names shown in the preview; the count says how many more. */
const PREVIEW_NAMES = 60;

interface Props {
  api: PortcullisApi;
  /** The host list, to tell production hosts (env=prod) apart. */
  hosts: readonly Host[];
  initialSelector: string;
  /** The form as it was left for the access request dialog, and what was asked there (null: nothing sent). */
  returning?: { form: BatchForm; asked: AccessAskForJob | null } | null;
  /** Leaves for the access request dialog, asking for these hosts; the form comes back with `returning`. */
  onRequestAccess: (form: BatchForm, ask: AccessAskForJob) => void;
  onCancel: () => void;
  onStarted: (job: string) => void;
}

export function RunDialog({ api, hosts, initialSelector, returning, onRequestAccess, onCancel, onStarted }: Props) {
  const { t } = useTranslation('batch');
  const [initial] = useState<BatchForm>(() => returning?.form ?? { ...EMPTY_BATCH_FORM, selector: initialSelector });
  const [form, setForm] = useState<BatchForm>(initial);
  const [shown, setShown] = useState<Partial<Record<BatchField, FieldProblem>>>({});
  const [preview, setPreview] = useState<{ selector: string; login: string; result: Preview } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [stage, setStage] = useState<'form' | 'confirm'>('form');
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const set = <K extends keyof BatchForm>(key: K, value: BatchForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setShown((s) => ({ ...s, [key]: undefined }));
  };

  const runPreview = useCallback(
    async (selector: string, login: string): Promise<Preview | null> => {
      setPreviewError(null);
      if (!selector.trim()) return null;
      try {
        const result = await api.request('batch.preview', { selector: selector.trim(), ...(login.trim() && { login: login.trim() }) });
        setPreview({ selector, login, result });
        return result;
      } catch (error) {
        setPreview(null);
        setPreviewError(errorText(error));
        return null;
      }
    },
    [api],
  );
  useEffect(() => {
    if (initial.selector) void runPreview(initial.selector, initial.login);
  }, [initial, runPreview]);

  // An approval (or a grant that ended) changes which hosts are permitted: the shown preview is checked again.
  const mine = useMyAccess();
  const [seenMine, setSeenMine] = useState(mine);
  if (seenMine !== mine) {
    setSeenMine(mine);
    if (preview) queueMicrotask(() => void runPreview(preview.selector, preview.login));
  }

  const previewCurrent = preview && preview.selector === form.selector && preview.login === form.login ? preview.result : null;

  const review = async () => {
    const check = checkBatchForm(form);
    if (!check.ok) return setShown(check.problems);
    const result = previewCurrent ?? (await runPreview(form.selector, form.login));
    if (result && result.hosts.length > 0) setStage('confirm');
  };

  const start = async () => {
    const check = checkBatchForm(form);
    if (!check.ok) return;
    setBusy(true);
    setStartError(null);
    try {
      const job = await api.request('batch.start', check.settings);
      onStarted(job.id);
    } catch (error) {
      setStartError(errorText(error));
      setBusy(false);
    }
  };

  const problem = (field: BatchField) => {
    const p = shown[field];
    return p ? (
      <span className="error-text" role="alert" data-testid={`batch-problem-${field}`}>
        {t(`problems.${camel(p.code)}`, { min: p.min, max: p.max })}
      </span>
    ) : null;
  };
  const field = (name: BatchField, label: string, input: ReactNode, hint?: string) => (
    <label className="batch-field">
      <span className="form-label">{label}</span>
      {input}
      {hint && <span className="muted batch-hint">{hint}</span>}
      {problem(name)}
    </label>
  );
  const text = (name: Exclude<BatchField, 'command' | 'script'>, placeholder?: string) => (
    <input className="text-input mono" data-testid={`batch-${name}`} value={form[name]} placeholder={placeholder} aria-invalid={!!shown[name]} onChange={(e) => set(name, e.target.value)} />
  );

  if (stage === 'confirm' && previewCurrent) {
    const names = previewCurrent.hosts.map((h) => h.host);
    const prod = productionHosts(names, hosts);
    return (
      <Dialog
        title={t('confirm.title')}
        tone={prod.length ? 'danger' : 'normal'}
        testId="batch-confirm"
        onCancel={() => setStage('form')}
        initialFocus="[data-testid=batch-confirm-cancel]"
        footer={
          <>
            <CancelButton testId="batch-confirm-cancel" onCancel={() => setStage('form')} />
            <button type="button" className={`button button-primary${prod.length ? ' batch-start-prod' : ''}`} data-testid="batch-confirm-start" disabled={busy} onClick={() => void start()}>
              {t('confirm.start', { count: names.length })}
            </button>
          </>
        }
      >
        <p data-testid="batch-confirm-count">{t('confirm.body', { count: names.length, what: form.mode === 'command' ? form.command.trim() : t('confirm.script') })}</p>
        {prod.length > 0 && (
          <p className="batch-prod-warning" role="alert" data-testid="batch-confirm-prod">
            {t('confirm.prod', { count: prod.length, hosts: prod.slice(0, 10).join(', ') })}
          </p>
        )}
        {previewCurrent.notPermitted.length > 0 && <p>{t('confirm.notPermitted', { count: previewCurrent.notPermitted.length })}</p>}
        {startError && <p className="error-text">{startError}</p>}
      </Dialog>
    );
  }

  return (
    <Dialog
      title={t('run.title')}
      testId="batch-run"
      wide
      onCancel={onCancel}
      initialFocus={initial.selector ? '[data-testid=batch-command]' : '[data-testid=batch-selector]'}
      footer={
        <>
          <CancelButton testId="batch-run-cancel" onCancel={onCancel} />
          <button type="button" className="button button-primary" data-testid="batch-run-submit" onClick={() => void review()}>
            {t('run.review')}
          </button>
        </>
      }
    >
      <div className="batch-form">
        {field(
          'selector',
          t('run.hosts'),
          <div className="batch-row">
            {text('selector', 'node:platform/storefront   env=prod,role=web   web-01,web-02')}
            <button type="button" className="button button-small" data-testid="batch-preview" onClick={() => void runPreview(form.selector, form.login)}>
              {t('run.check')}
            </button>
          </div>,
          t('run.hostsHint'),
        )}
        <PreviewBox
          preview={previewCurrent}
          error={previewError}
          stale={!!preview && !previewCurrent}
          asked={returning?.asked ?? null}
          ask={previewCurrent && preview ? accessToAsk(previewCurrent.notPermitted, preview.login) : null}
          onRequest={(ask) => onRequestAccess(form, ask)}
        />
        {field('login', t('run.login'), text('login', t('run.loginPlaceholder')))}
        <div className="radio-row" role="radiogroup" aria-label={t('run.what')}>
          {(['command', 'script'] as const).map((mode) => (
            <label key={mode}>
              <input type="radio" name="batch-mode" checked={form.mode === mode} onChange={() => set('mode', mode)} /> {t(`run.mode.${mode}`)}
            </label>
          ))}
        </div>
        {form.mode === 'command'
          ? field('command', t('run.command'), <input className="text-input mono" data-testid="batch-command" value={form.command} aria-invalid={!!shown.command} onChange={(e) => set('command', e.target.value)} />)
          : field('script', t('run.script'), <textarea className="text-input mono batch-script" data-testid="batch-script" rows={6} value={form.script} aria-invalid={!!shown.script} onChange={(e) => set('script', e.target.value)} />, t('run.scriptHint'))}
        <div className="batch-grid">
          {field('parallel', t('run.parallel'), text('parallel'))}
          {field('serial', t('run.serial'), text('serial', '1,5,20%'), t('run.serialHint'))}
          {field('maxFail', t('run.maxFail'), text('maxFail', '3 / 10%'), t('run.maxFailHint'))}
          {field('waveMaxFail', t('run.waveMaxFail'), text('waveMaxFail', '1 / 50%'))}
          {field('timeoutSec', t('run.timeout'), text('timeoutSec'))}
          <label className="batch-field">
            <span className="form-label">{t('run.unreachable')}</span>
            <select className="text-input" data-testid="batch-unreachable" value={form.unreachable} onChange={(e) => set('unreachable', e.target.value as BatchForm['unreachable'])}>
              {(['failure', 'ignore', 'threshold'] as const).map((u) => (
                <option key={u} value={u}>
                  {t(`run.unreachableAs.${u}`)}
                </option>
              ))}
            </select>
          </label>
          {form.unreachable === 'threshold' && field('unreachableMaxFail', t('run.unreachableMaxFail'), text('unreachableMaxFail', '2 / 10%'))}
        </div>
        <label className="check-row">
          <input type="checkbox" checked={form.canaryDiff} onChange={(e) => set('canaryDiff', e.target.checked)} /> {t('run.canaryDiff')}
        </label>
      </div>
    </Dialog>
  );
}

interface PreviewBoxProps {
  preview: Preview | null;
  error: string | null;
  stale: boolean;
  /** The access request made from this dialog, if any. */
  asked: AccessAskForJob | null;
  /** The access request the not-permitted hosts call for (null: none would help). */
  ask: AccessAskForJob | null;
  onRequest: (ask: AccessAskForJob) => void;
}

function PreviewBox({ preview, error, stale, asked, ask, onRequest }: PreviewBoxProps) {
  const { t } = useTranslation('batch');
  if (error) return <p className="error-text" data-testid="batch-preview-error">{t('preview.failed', { error })}</p>;
  if (!preview) return stale ? <p className="muted">{t('preview.stale')}</p> : null;
  const names = preview.hosts.map((h) => `${h.login}@${h.host}`);
  const denied = new Set(preview.notPermitted.map((n) => n.host));
  const waiting = asked ? asked.hosts.split(',').filter((h) => denied.has(h)).length : 0;
  return (
    <div className="batch-preview" data-testid="batch-preview-result">
      <strong data-testid="batch-preview-count">{t('preview.count', { count: preview.hosts.length })}</strong>
      {names.length > 0 && (
        <div className="batch-preview-names mono">
          {names.slice(0, PREVIEW_NAMES).join('  ')}
          {names.length > PREVIEW_NAMES && ` ${t('preview.more', { count: names.length - PREVIEW_NAMES })}`}
        </div>
      )}
      {preview.notPermitted.length > 0 && (
        <div className="batch-preview-denied" data-testid="batch-preview-denied">
          {t('preview.notPermitted', { count: preview.notPermitted.length })}{' '}
          {preview.notPermitted.slice(0, PREVIEW_NAMES).map((n) => (
            <span key={n.host} className="mono batch-denied">
              {n.host} ({t(`reason.${n.reason}`)})
            </span>
          ))}
          {ask && (
            <button type="button" className="button button-small batch-request-access" data-testid="batch-request-access" onClick={() => onRequest(ask)}>
              {ask.left > 0 ? t('preview.requestSome', { count: ask.count, total: ask.count + ask.left }) : t('preview.request', { count: ask.count })}
            </button>
          )}
        </div>
      )}
      {waiting > 0 && (
        <p className="muted batch-asked" data-testid="batch-access-asked">
          {t('preview.asked', { count: waiting })}
        </p>
      )}
    </div>
  );
}
