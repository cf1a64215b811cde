// Quick connect in the command palette: the hosts the tree's filter finds for what is typed,
// favourites and recent hosts first, each opened in a new tab; Ctrl+D or ☆ stars one.
import type { Host } from '../../../shared/contract/inventory';
import { HostSearch } from '../model/host-search';
import { appLocale } from '../model/locale';
import { quickConnectHosts } from '../model/quick-connect';
import type { PaletteEntry, PaletteSource, ShellContext } from '../registry';

// One index per host list, shared by every palette opened on it.
const searches = new WeakMap<readonly Host[], HostSearch>();
function searchOf(hosts: readonly Host[]): HostSearch {
  let search = searches.get(hosts);
  if (!search) searches.set(hosts, (search = new HostSearch(hosts)));
  return search;
}

/** Opens login@host in a new tab and remembers it among the recents. */
export function openHost(ctx: ShellContext, host: string, login: string): void {
  ctx.store.open(host, login);
  ctx.hosts.places.opened(host, login);
}

export const quickConnectPalette: PaletteSource = {
  title: 'hosts:palette.title',
  placeholder: 'hosts:palette.placeholder',
  entries(ctx, query): PaletteEntry[] {
    const { hosts, partial, places } = ctx.hosts;
    if (!hosts || (partial && query.trim())) return []; // a filter over the list's head would miss most hosts
    const { t } = appLocale();
    const starred = new Set(places.places.favourites);
    return quickConnectHosts(hosts, searchOf(hosts), places.places, query).map(({ host, login, place }) => ({
      key: `host:${host.name}`,
      title: host.name,
      group: t(`hosts:palette.${place}`),
      detail: `${login} · ${host.address}`,
      run: () => openHost(ctx, host.name, login),
      starred: starred.has(host.name),
      toggleStar: () => places.star(host.name, !starred.has(host.name)),
    }));
  },
};
