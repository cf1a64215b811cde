// What the admin screen's tabs share: the filter and pager over a list, an inline confirmation
// (Cancel focused, so a single Enter never does the destructive thing), a field's problem in
// words, and a call whose refusal is worded from its code.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../model/form-errors';
import { directoryErrorText, PAGE_SIZE, pageOf, problemText, type Checked, type Page } from '../model/directory';
import { useLocale } from '../ui';

/** A list with its filter and pager: the headers, then one row (a `<tr>`) per item of the page. */
export function PagedTable<T>({ testId, items, textOf, headers, row }: { testId: string; items: readonly T[]; textOf: (item: T) => string; headers: readonly string[]; row: (item: T) => ReactNode }) {
  const { t } = useTranslation('directory');
  const [filter, setFilter] = useState('');
  const [pageNo, setPageNo] = useState(0);
  const page = pageOf(items, filter, pageNo, textOf);
  return (
    <>
      <FilterPager testId={testId} filter={filter} onFilter={(f) => (setFilter(f), setPageNo(0))} page={page} onPage={setPageNo} />
      {/* Scrolls sideways rather than cut off the row buttons when names and tags are long. */}
      <div className="directory-table-box">
        <table className="directory-table" data-testid={`${testId}-table`}>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>{page.items.map(row)}</tbody>
        </table>
      </div>
      {page.total === 0 && <p className="muted">{t('none')}</p>}
    </>
  );
}

function FilterPager<T>({ testId, filter, onFilter, page, onPage }: { testId: string; filter: string; onFilter: (text: string) => void; page: Page<T>; onPage: (page: number) => void }) {
  const { t } = useTranslation('directory');
  const from = page.total === 0 ? 0 : page.page * PAGE_SIZE + 1;
  return (
    <div className="directory-toolbar">
      <input className="text-input directory-filter" data-testid={`${testId}-filter`} aria-label={t('filter')} placeholder={t('filterPlaceholder')} value={filter} onChange={(e) => onFilter(e.target.value)} />
      <span className="muted" data-testid={`${testId}-count`}>
        {t('page', { from, to: from + page.items.length - (page.total === 0 ? 0 : 1), total: page.total })}
      </span>
      <button type="button" className="button button-small" disabled={page.page === 0} onClick={() => onPage(page.page - 1)}>
        {t('previous')}
      </button>
      <button type="button" className="button button-small" disabled={page.page >= page.pages - 1} onClick={() => onPage(page.page + 1)}>
        {t('next')}
      </button>
    </div>
  );
}

/** A destructive step, asked inline: Cancel has the focus. */
export function Confirm({ testId, title, confirmLabel, onConfirm, onCancel, error, children }: { testId: string; title: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void; error: string | null; children: ReactNode }) {
  const { t } = useTranslation('directory');
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="directory-panel directory-danger-panel" role="alertdialog" aria-label={title} data-testid={testId}>
      <h3 className="directory-heading">{title}</h3>
      {children}
      {error && <p className="error-text" role="alert">{error}</p>}
      <div className="directory-buttons">
        <button ref={cancelRef} type="button" className="button" data-testid={`${testId}-cancel`} onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="button" className="button directory-danger" data-testid={`${testId}-submit`} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}

/** A form's problems as the words shown under each field. */
export function useProblems(): [FieldErrors, <P>(checked: Checked<P>) => P | null] {
  const locale = useLocale();
  const [errors, setErrors] = useState<FieldErrors>({});
  const check = <P,>(checked: Checked<P>): P | null => {
    setErrors(checked.ok ? {} : Object.fromEntries(Object.entries(checked.problems).map(([field, p]) => [field, problemText(p, locale)])));
    return checked.ok ? checked.params : null;
  };
  return [errors, check];
}

/** Runs one gateway call at a time; a refusal becomes `error`, worded from its code. */
export function useCall(): { busy: boolean; error: string | null; run: <R>(call: () => Promise<R>, then: (result: R) => void) => void; clear: () => void } {
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = <R,>(call: () => Promise<R>, then: (result: R) => void) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    call().then(
      (result) => (setBusy(false), then(result)),
      (e: unknown) => (setBusy(false), setError(directoryErrorText(e, locale))),
    );
  };
  return { busy, error, run, clear: () => setError(null) };
}

/** Reads a picked text file (a .pub key, a private key) into a field; nothing leaves the renderer. */
export function LoadFile({ label, testId, accept, onText }: { label: string; testId: string; accept?: string; onText: (text: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <input ref={ref} type="file" hidden accept={accept} data-testid={testId} onChange={(e) => void e.target.files?.[0]?.text().then(onText)} />
      <button type="button" className="button button-small" onClick={() => ref.current?.click()}>
        {label}
      </button>
    </>
  );
}
