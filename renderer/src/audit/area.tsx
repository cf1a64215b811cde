// The audit area: the audit log view (filters, pages, verify the chain), a dialog opened from the
// palette or its shortcut, in its own lazy chunk.
import type { Area, ShellContext } from '../registry';
import { AUDIT_ACTIONS } from './actions';
import { AuditDialog, preloadAuditDialogs } from './lazy';

export const AUDIT_MODAL = 'audit.log';

function AuditOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== AUDIT_MODAL) return null;
  const connected = !ctx.mainSideLost && ctx.gateway.state?.status === 'connected';
  return <AuditDialog key={ctx.gateway.state?.profileId} api={ctx.api} connected={connected} onClose={ctx.closeModal} />;
}

export const auditArea: Area = {
  name: 'audit',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: AUDIT_ACTIONS,
  handlers: (ctx) => ({ 'audit.open': () => ctx.openModal(AUDIT_MODAL) }),
  panels: { overlay: AuditOverlay },
  preload: () => preloadAuditDialogs(),
};
