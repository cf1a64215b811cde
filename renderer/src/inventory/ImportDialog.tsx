// "Import inventory…": pick (or drop) a file, see the gateway's plan (hosts to add, to change,
// unchanged; the rows with errors listed apart), choose all-or-nothing or the valid rows only, and
// apply. The gateway applies only the plan shown: if the inventory changed since, it sends the new
// plan, shown here to check again. The template downloads come from the gateway (its columns).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FORMATS, INVENTORY_IMPORT_LIMITS, type ImportMode, type ImportPlan } from '../../../shared/contract/gateway-api/inventory-import';
import type { PortcullisApi } from '../../../shared/contract/window';
import { canApply, fromBase64 } from '../model/inventory-import';
import { Dialog, errorText } from '../ui';
import { IssueList } from './IssueList';
import { PlanTable } from './PlanTable';
import { sendFile, TooLargeError } from './send-file';

type Format = (typeof IMPORT_FORMATS)[number];
type Step = { kind: 'pick' } | { kind: 'sending'; name: string; sent: number; total: number } | { kind: 'preview'; name: string; upload: string; plan: ImportPlan; stale: boolean } | { kind: 'applying'; name: string } | { kind: 'done'; name: string; plan: ImportPlan };

const MIB = 1024 * 1024;

function download(name: string, type: string, bytes: Uint8Array | string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ImportDialog({ api, onClose, onApplied }: { api: PortcullisApi; onClose: () => void; onApplied: () => void }) {
  const { t } = useTranslation('inventory');
  const [isAdmin, setIsAdmin] = useState<boolean | null>(null);
  const [format, setFormat] = useState<Format | 'auto'>('auto');
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.request('access.whoami', {}).then((me) => live && setIsAdmin(me.roles.includes('admin')), () => live && setIsAdmin(false));
    return () => {
      live = false;
    };
  }, [api]);

  const preview = async (chosen: File, as: Format | 'auto') => {
    setProblem(null);
    setStep({ kind: 'sending', name: chosen.name, sent: 0, total: chosen.size });
    try {
      if (chosen.size > INVENTORY_IMPORT_LIMITS.fileBytes) throw new TooLargeError();
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      const upload = await sendFile(api, bytes, (sent) => setStep({ kind: 'sending', name: chosen.name, sent, total: bytes.length }));
      const plan = await api.request('inventory.preview', { upload, name: chosen.name, ...(as !== 'auto' && { format: as }) });
      setStep({ kind: 'preview', name: chosen.name, upload, plan, stale: false });
    } catch (e) {
      setProblem(e instanceof TooLargeError ? t('tooLarge', { mib: INVENTORY_IMPORT_LIMITS.fileBytes / MIB }) : errorText(e));
      setStep({ kind: 'pick' });
    }
  };
  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    void preview(chosen, format);
  };
  const apply = async (s: Extract<Step, { kind: 'preview' }>) => {
    setProblem(null);
    setStep({ kind: 'applying', name: s.name });
    try {
      const plan = await api.request('inventory.apply', { upload: s.upload, name: s.name, ...(format !== 'auto' && { format }), mode, planHash: s.plan.planHash });
      if (plan.stale) setStep({ ...s, plan, stale: true });
      else {
        setStep({ kind: 'done', name: s.name, plan });
        if (plan.applied) onApplied();
      }
    } catch (e) {
      setProblem(errorText(e));
      setStep(s);
    }
  };
  const template = async (kind: 'csv' | 'xlsx') => {
    setProblem(null);
    try {
      const got = await api.request('inventory.template', {});
      if (kind === 'csv') download('hosts-template.csv', 'text/csv;charset=utf-8', got.csv);
      else download('hosts-template.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fromBase64(got.xlsx));
    } catch (e) {
      setProblem(errorText(e));
    }
  };

  const footer = (
    <>
      {step.kind === 'preview' && (
        <button type="button" className="button button-primary" data-testid="inventory-apply" disabled={!canApply(step.plan, mode)} onClick={() => void apply(step)}>
          {t(mode === 'valid_rows' ? 'apply.validRows' : 'apply.all', { count: step.plan.counts.add + step.plan.counts.change })}
        </button>
      )}
      <button type="button" className="button" data-testid="inventory-close" onClick={onClose}>
        {t('close')}
      </button>
    </>
  );

  return (
    <Dialog title={t('title')} testId="inventory-import" wide onCancel={onClose} footer={footer}>
      {isAdmin === false && <p className="error-text" role="alert">{t('adminOnly')}</p>}
      <div className="inventory-pick">
        <label
          className="inventory-drop"
          data-testid="inventory-drop"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            choose(e.dataTransfer.files[0]);
          }}
        >
          <input type="file" data-testid="inventory-file" onChange={(e) => choose(e.target.files?.[0])} />
          {!file && <span>{t('pick.hint')}</span>}
        </label>
        <label>
          {t('pick.format')}{' '}
          <select
            className="text-input"
            data-testid="inventory-format"
            value={format}
            onChange={(e) => {
              const next = e.target.value as Format | 'auto';
              setFormat(next);
              if (file) void preview(file, next);
            }}
          >
            <option value="auto">{step.kind === 'preview' ? t('pick.detected', { format: t(`format.${step.plan.format}`) }) : t('pick.auto')}</option>
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-small" data-testid="inventory-template-csv" onClick={() => void template('csv')}>
          {t('template.csv')}
        </button>
        <button type="button" className="button button-small" data-testid="inventory-template-xlsx" onClick={() => void template('xlsx')}>
          {t('template.xlsx')}
        </button>
      </div>
      <p className="muted">{t('pick.columns')}</p>
      {problem && (
        <p className="error-text" role="alert" data-testid="inventory-problem">
          {problem}
        </p>
      )}
      {step.kind === 'sending' && (
        <div data-testid="inventory-progress">
          {t('sending', { name: step.name })} <progress max={step.total || 1} value={step.sent} />
        </div>
      )}
      {step.kind === 'applying' && <p data-testid="inventory-progress">{t('applying', { name: step.name })}</p>}
      {step.kind === 'preview' && (
        <>
          {step.stale && (
            <p className="error-text" role="alert" data-testid="inventory-stale">
              {t('stale')}
            </p>
          )}
          <p data-testid="inventory-counts">{t('counts', step.plan.counts)}</p>
          <fieldset className="inventory-mode">
            <label>
              <input type="radio" name="inventory-mode" data-testid="inventory-mode-all" checked={mode === 'all_or_nothing'} onChange={() => setMode('all_or_nothing')} /> {t('mode.all')}
            </label>
            <label>
              <input type="radio" name="inventory-mode" data-testid="inventory-mode-valid" checked={mode === 'valid_rows'} onChange={() => setMode('valid_rows')} /> {t('mode.validRows')}
            </label>
          </fieldset>
          {mode === 'all_or_nothing' && step.plan.issues.length > 0 && <p className="muted">{t('mode.allBlocked')}</p>}
          <IssueList plan={step.plan} />
          <PlanTable plan={step.plan} />
        </>
      )}
      {step.kind === 'done' && (
        <>
          <p role="status" data-testid="inventory-result">
            {step.plan.applied ? t('result.applied', step.plan.counts) : t('result.nothing')}
          </p>
          <IssueList plan={step.plan} />
        </>
      )}
    </Dialog>
  );
}
