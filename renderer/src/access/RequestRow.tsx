// One request as a row: who (for admins), what (login@hosts, for how long), why, and its state
// (a denial with its reason; an approval with the grant's end).
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import { requestStateKey, spanText } from '../model/access';
import { absoluteTime } from '../model/time';
import { useLocale } from '../ui';
import type { ReactNode } from 'react';

export function RequestRow({ request, showRequester, children }: { request: AccessRequest; showRequester?: boolean; children?: ReactNode }) {
  const { t } = useTranslation('access');
  const locale = useLocale();
  const r = request;
  return (
    <li className="access-row" data-testid="access-request-row" data-id={r.id} data-state={r.state}>
      <div className="access-row-main">
        <div>
          {showRequester && <strong>{r.requester} · </strong>}
          <span className="mono">
            {r.login}@{r.hosts}
          </span>{' '}
          <span className="muted">{t('row.for', { span: spanText(r.durationMs, locale) })}</span>
        </div>
        <div className="muted access-row-reason">“{r.reason}”</div>
        <div className={`access-state access-state-${r.state}`} data-testid="access-request-state">
          {t(requestStateKey(r.state), {
            by: r.decidedBy ?? '',
            reason: r.decisionReason ?? '',
            until: r.grant ? absoluteTime(r.grant.until, locale.language) : '',
            expires: absoluteTime(r.expiresAt, locale.language),
          })}
        </div>
      </div>
      {children && <div className="access-row-actions">{children}</div>}
    </li>
  );
}
