// The broadcast actions (shortcuts, palette, pane menu): turn the focused pane, or every pane of
// the active tab, in or out of its tab's broadcast group; a group reaching production hosts opens
// the confirmation first (./BroadcastConfirm).
import { toggleAll, togglePane } from '../model/broadcast';
import type { ShellContext } from '../registry';

export const BROADCAST_MODAL = 'terminal.broadcastConfirm';

export function toggleBroadcast(ctx: ShellContext, which: 'pane' | 'all'): void {
  const { store } = ctx;
  const paneId = store.focusedPaneId();
  if (!paneId) return;
  const tabPanes = store.broadcastPanes(paneId);
  const { members } = store.broadcast.getSnapshot();
  const next = which === 'pane' ? togglePane(members, paneId) : toggleAll(members, tabPanes.map((p) => p.id));
  const tags = new Map((ctx.hosts.hosts ?? []).map((host) => [host.name, host.tags]));
  if (store.broadcast.request(next, tabPanes, (host) => tags.get(host)) === 'confirm') ctx.openModal(BROADCAST_MODAL);
}
