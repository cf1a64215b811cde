// The directory area (admins): "Users and hosts…", the gateway's users, groups, hosts and
// credentials managed from the app. Offered to admins (as the other admin screens are); the
// gateway checks the role on every call, and the screen says when it refuses. docs/GATEWAY.md,
// "Users, groups and hosts over the API".
import type { ActionDef } from '../model/actions';
import type { Area, ShellContext } from '../registry';
import { DirectoryDialog, preloadDirectoryViews } from './lazy';
import { connectedAs } from '../access';

const MODAL = 'directory.admin';

const ACTIONS: readonly ActionDef[] = [{ id: 'directory.open', title: 'directory:actions.open', group: 'Gateway', when: connectedAs('admin') }];

function DirectoryOverlay({ ctx }: { ctx: ShellContext }) {
  if (ctx.modal !== MODAL) return null;
  return <DirectoryDialog key={ctx.gateway.state?.profileId} api={ctx.api} onClose={ctx.closeModal} onHostsChanged={ctx.hosts.refresh} />;
}

export const directoryArea: Area = {
  name: 'directory',
  catalogs: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  actions: ACTIONS,
  handlers: (ctx) => ({ 'directory.open': () => ctx.openModal(MODAL) }),
  panels: { overlay: DirectoryOverlay },
  preload: preloadDirectoryViews,
};
