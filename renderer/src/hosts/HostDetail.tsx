import { useTranslation } from 'react-i18next';
import { useLocale, useNow } from '../ui';
import type { Host } from '../../../shared/contract/inventory';
import { describeAccessEnd } from '../model/time';
import { chipTone } from './HostRow';

/** The selected host: address, tags, logins and when this user's access ends. */
export function HostDetail({ host }: { host: Host }) {
  const { t } = useTranslation('hosts');
  const locale = useLocale();
  const now = useNow(30_000);
  const soon = typeof host.accessUntil === 'number' && host.accessUntil - now < 3_600_000;
  return (
    <section className="host-detail" aria-label={t('detail.label', { host: host.name })} data-testid="host-detail">
      <div className="host-detail-name">{host.name}</div>
      <dl>
        <dt>{t('detail.address')}</dt>
        <dd className="mono">{host.address}</dd>
        <dt>{t('detail.logins')}</dt>
        <dd>{host.logins.length ? host.logins.join(', ') : t('detail.noLogins')}</dd>
        <dt>{t('detail.access')}</dt>
        <dd className={soon ? 'warn-text' : undefined} data-testid="access-until">
          {describeAccessEnd(host.accessUntil, now, locale)}
        </dd>
        <dt>{t('detail.tags')}</dt>
        <dd className="chips chips-wrap">
          {Object.entries(host.tags).map(([k, v]) => (
            <span key={k} className={`chip chip-${chipTone(k, v)}`}>
              {k}={v}
            </span>
          ))}
          {Object.keys(host.tags).length === 0 && <span className="muted">{t('detail.noTags')}</span>}
        </dd>
        {host.nodes.length > 0 && (
          <>
            <dt>{t('detail.in')}</dt>
            <dd>
              {host.nodes.map((path) => (
                <div key={path.join('/')} className="node-path">
                  {path.join(' › ')}
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

