// The access area: asking for access (from the palette, the host tree or a refused pane), "my
// access" (what I reach and until when, my requests), and for admins the approval queue (a badge
// in the status bar) and grants. docs/GATEWAY.md, "Access requests" and "Grants over the API".
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import type { Area, ShellContext } from '../registry';
import { ACCESS_ACTIONS } from './actions';
import { onAccessAsked, type AccessAsk } from './ask';
import { ApprovalsDialog, GrantsDialog, MyAccessDialog, preloadAccessViews, RequestDialog } from './lazy';
import { publishAccessLive, useAccessLiveState } from './live-store';
import { useAccessLive } from './use-access-live';

const REQUEST_MODAL = 'access.request';
const MINE_MODAL = 'access.mine';
const APPROVALS_MODAL = 'access.approvals';
const GRANTS_MODAL = 'access.grants';

/** How long the approval notice stays. */
const NOTICE_MS = 15_000;

function AccessOverlay({ ctx }: { ctx: ShellContext }) {
  const { t } = useTranslation('access');
  const connected = ctx.gateway.state?.status === 'connected' && !ctx.mainSideLost;
  const me = ctx.gateway.state?.gateway?.user;
  const [notice, setNotice] = useState<AccessRequest | null>(null);
  const onRequest = useCallback((request: AccessRequest) => {
    if (request.state === 'approved' && request.requester === me) setNotice(request);
  }, [me]);
  const live = useAccessLive(ctx.api, connected ? `${ctx.gateway.state?.profileId ?? ''}:${me ?? ''}` : null, onRequest);
  useEffect(() => publishAccessLive(live), [live]);

  // The tree's access ends (and the status bar's nearest expiry) follow every change of my access.
  const { refresh } = ctx.hosts;
  const [seenMine, setSeenMine] = useState(live.mine);
  if (seenMine !== live.mine) {
    setSeenMine(live.mine);
    if (seenMine && live.mine) queueMicrotask(refresh);
  }

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const [ask, setAsk] = useState<AccessAsk & { n: number }>({ hosts: '', n: 0 });
  const { openModal } = ctx;
  useEffect(
    () =>
      onAccessAsked((asked) => {
        setAsk((a) => ({ ...asked, n: a.n + 1 }));
        openModal(REQUEST_MODAL);
      }),
    [openModal],
  );

  // Back to the dialog that asked, once (a later request from the palette starts afresh), else the default.
  const closeRequest = (sent: boolean) => {
    const back = ask.onClosed;
    setAsk((a) => ({ hosts: a.hosts, login: a.login, n: a.n }));
    if (back) back(sent);
    else if (sent) ctx.openModal(MINE_MODAL);
    else ctx.closeModal();
  };

  const openHost = (request: AccessRequest) => {
    setNotice(null);
    const host = ctx.hosts.hosts?.find((h) => request.grant && h.name === request.grant.hosts) ?? null;
    if (host) ctx.store.open(host.name, request.login);
    else ctx.openModal(MINE_MODAL);
  };

  return (
    <>
      {ctx.modal === REQUEST_MODAL && (
        <RequestDialog key={ask.n} api={ctx.api} hosts={ctx.hosts.hosts ?? []} isAdmin={live.roles.includes('admin')} initial={ask} onClose={() => closeRequest(false)} onSent={() => closeRequest(true)} />
      )}
      {ctx.modal === MINE_MODAL && (
        <MyAccessDialog api={ctx.api} live={live} onClose={ctx.closeModal} onOpen={(host, login) => (ctx.closeModal(), ctx.store.open(host, login))} onRequest={() => ctx.openModal(REQUEST_MODAL)} />
      )}
      {ctx.modal === APPROVALS_MODAL && <ApprovalsDialog api={ctx.api} live={live} me={me ?? ''} onClose={ctx.closeModal} />}
      {ctx.modal === GRANTS_MODAL && <GrantsDialog api={ctx.api} onClose={ctx.closeModal} />}
      {notice && (
        <div className="toast access-notice" role="status" data-testid="access-approved-notice">
          {t('notice.approved', { target: `${notice.login}@${notice.grant?.hosts ?? notice.hosts}` })}{' '}
          <button type="button" className="button button-small button-primary" data-testid="access-notice-open" onClick={() => openHost(notice)}>
            {t('notice.open')}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => setNotice(null)}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}

/** The admins' badge: pending requests, a click opens the queue. */
function PendingBadge({ ctx }: { ctx: ShellContext }) {
  const { t } = useTranslation('access');
  const live = useAccessLiveState();
  if (!live.roles.includes('admin') || live.pending === 0 || ctx.gateway.state?.status !== 'connected') return null;
  return (
    <button type="button" className="status-item status-button access-badge" data-testid="access-pending-badge" title={t('badge.title')} onClick={() => ctx.run('access.approvals')}>
      {t('badge.pending', { count: live.pending })}
    </button>
  );
}

export const accessArea: Area = {
  name: 'access',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: ACCESS_ACTIONS,
  handlers: (ctx) => ({
    'access.mine': () => ctx.openModal(MINE_MODAL),
    'access.request': () => ctx.openModal(REQUEST_MODAL),
    'access.approvals': () => ctx.openModal(APPROVALS_MODAL),
    'access.grants': () => ctx.openModal(GRANTS_MODAL),
  }),
  panels: { overlay: AccessOverlay, status: PendingBadge },
  preload: preloadAccessViews,
};
