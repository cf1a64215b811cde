// The audit log view: the gateway's hash-chained log filtered by type, actor, user, host and time,
// a page at a time (oldest first, as the chain runs), and "Verify the chain", which checks every
// link at the gateway and names the first altered row. For the security and admin roles: the
// gateway answers anyone else `denied`, and then the view shows no filters, rows or verify.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AuditRowSchema } from '../../../shared/contract/gateway-api/review';
import type { PortcullisApi } from '../../../shared/contract/window';
import { absoluteTime } from '../model/time';
import { gatewayErrorText } from '../live';
import { useLocale, ViewDialog } from '../ui';
import { auditQueryOf, EMPTY_AUDIT_FILTER, type AuditFilterForm, type AuditQuery } from './audit-query';
import { detailsText } from './details-text';
import { verifyText, type AuditVerify } from './verify-text';

type AuditRow = z.infer<typeof AuditRowSchema>;

const PAGE = 50;

interface Props {
  api: PortcullisApi;
  connected: boolean;
  onClose: () => void;
}

interface Page {
  rows: AuditRow[];
  next: string | null;
}

export function AuditDialog({ api, connected, onClose }: Props) {
  const { t } = useTranslation('audit');
  const locale = useLocale();
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [query, setQuery] = useState<AuditQuery>({});
  // The cursors of the pages seen so far: the last one is the page shown (undefined: the first).
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [denied, setDenied] = useState(false);
  const [verify, setVerify] = useState<{ busy: boolean; result?: AuditVerify; error?: string }>({ busy: false });
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    if (!connected) return;
    let alive = true;
    setPage(null);
    api.request('audit.list', { ...query, limit: PAGE, ...(cursor ? { cursor } : {}) }).then(
      (p) => alive && (setPage(p), setError(null), setDenied(false)),
      (e: unknown) => alive && (setDenied((e as { code?: string }).code === 'denied'), setError(gatewayErrorText(e, locale))),
    );
    return () => {
      alive = false;
    };
    // The locale only words a failure; a language change does not fetch again.
  }, [api, connected, query, cursor]);

  const apply = () => {
    const parsed = auditQueryOf(form);
    if ('error' in parsed) return setError(t(parsed.error));
    setError(null);
    setQuery(parsed.query);
    setCursors([undefined]);
  };
  const runVerify = useCallback(() => {
    setVerify({ busy: true });
    api.request('audit.verify', {}).then(
      (result) => setVerify({ busy: false, result }),
      (e: unknown) => setVerify({ busy: false, error: gatewayErrorText(e, locale) }),
    );
  }, [api, locale]);

  // Each filter says its name above it, so a filled field still says what it filters.
  const field = (name: keyof AuditFilterForm, type = 'text') => (
    <label className={`review-field review-field-${name}`}>
      <span>{t(`filter.${name}`)}</span>
      <input
        className="text-input"
        type={type}
        placeholder={name === 'type' ? t('filter.typeExample') : undefined}
        data-testid={`audit-filter-${name}`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );

  const controls = connected && !denied;
  return (
    <ViewDialog
      title={t('title')}
      testId="audit-log"
      closeLabel={t('close')}
      onClose={onClose}
      actions={
        controls && (
          <>
            <button type="button" className="button" data-testid="audit-first" disabled={cursors.length === 1} onClick={() => setCursors([undefined])}>
              {t('first')}
            </button>
            <button type="button" className="button" data-testid="audit-next" disabled={!page?.next} onClick={() => page?.next && setCursors([...cursors, page.next])}>
              {t('next')}
            </button>
            <span style={{ flex: 1 }} />
            <button type="button" className="button" data-testid="audit-verify" disabled={verify.busy} onClick={runVerify}>
              {verify.busy ? t('verify.busy') : t('verify.button')}
            </button>
          </>
        )
      }
    >
        {!connected && <p className="review-note">{t('connectFirst')}</p>}
        {denied && <p className="review-note" data-testid="audit-roles-only">{t('rolesOnly')}</p>}
        {controls && (
          <form
            className="review-bar review-filters"
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            {field('type')}
            {field('actor')}
            {field('user')}
            {field('host')}
            {field('from', 'datetime-local')}
            {field('to', 'datetime-local')}
            <button type="submit" className="button button-primary" data-testid="audit-apply">
              {t('filter.apply')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setForm(EMPTY_AUDIT_FILTER);
                setQuery({});
                setCursors([undefined]);
              }}
            >
              {t('filter.clear')}
            </button>
          </form>
        )}
        {verify.result && (
          <p className={verify.result.ok ? 'review-ok' : 'review-error'} role="status" data-testid="audit-verify-result" data-ok={verify.result.ok}>
            {verifyText(verify.result, locale)}
          </p>
        )}
        {verify.error && (
          <p className="review-error" role="alert" data-testid="audit-verify-error">
            {verify.error}
          </p>
        )}
        {error && (
          <p className="review-error" role="alert" data-testid="audit-error">
            {error}
          </p>
        )}
        {controls && page && (
          <table className="review-table" data-testid="audit-rows">
            <thead>
              <tr>
                {(['seq', 'at', 'type', 'actor', 'data', 'hash'] as const).map((c) => (
                  <th key={c}>{t(`columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.seq} data-testid="audit-row" data-seq={row.seq} data-type={row.type}>
                  <td>{row.seq}</td>
                  <td>{absoluteTime(row.at, locale.language)}</td>
                  <td>{row.type}</td>
                  <td>{row.actor}</td>
                  <td className="review-wrap">{detailsText(row.data)}</td>
                  <td className="review-wrap" title={row.hash}>
                    {row.hash.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {controls && !page && !error && <p className="review-note">{t('loading')}</p>}
        {controls && page?.rows.length === 0 && <p className="review-note">{t('none')}</p>}
    </ViewDialog>
  );
}
