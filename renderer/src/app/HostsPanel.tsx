import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { Host } from '../../../shared/contract/inventory';
import { buildHostTree, filterHosts, flattenTree } from '../model/host-tree';
import { HostTree } from './HostTree';

interface Props {
  hosts: Host[] | null;
  error: string | null;
  loading: boolean;
  refresh: () => void;
  connected: boolean;
  onOpen: (host: string, login: string) => void;
}

export function HostsPanel({ hosts, error, loading, refresh, connected, onOpen }: Props) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  // The login chosen per host (first one by default); shared by every row of the same host.
  const [chosenLogins, setChosenLogins] = useState<ReadonlyMap<string, string>>(() => new Map());

  const filtered = useMemo(() => filterHosts(hosts ?? [], deferredQuery), [hosts, deferredQuery]);
  const tree = useMemo(() => buildHostTree(filtered), [filtered]);
  const filtering = deferredQuery.trim() !== '';
  const rows = useMemo(() => flattenTree(tree, collapsed, filtering), [tree, collapsed, filtering]);

  const toggle = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const chooseLogin = useCallback((host: string, login: string) => {
    setChosenLogins((prev) => new Map(prev).set(host, login));
  }, []);
  const open = useCallback(
    (host: Host) => {
      const login = chosenLogins.get(host.name) ?? host.logins[0];
      if (login) onOpen(host.name, login);
    },
    [chosenLogins, onOpen],
  );

  const total = hosts?.length ?? 0;
  return (
    <section className="hosts-panel" aria-label="Hosts">
      <div className="section-title">
        <span>Hosts</span>
        <span className="section-count">{filtering ? `${filtered.length} / ${total}` : total || ''}</span>
        <button type="button" className="icon-button" title="Reload the host list" onClick={refresh} disabled={!connected || loading}>
          ↻
        </button>
      </div>
      <div className="filter">
        <input
          type="search"
          className="filter-input"
          placeholder="Filter: name, node, env=prod…"
          aria-label="Filter hosts"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {error && (
        <div className="panel-message panel-error" role="alert">
          Could not load hosts: {error}
        </div>
      )}
      {!error && hosts === null && <div className="panel-message">{connected || loading ? 'Loading hosts…' : 'Connect to the gateway to see your hosts.'}</div>}
      {hosts !== null && total === 0 && <div className="panel-message">No hosts are granted to you yet.</div>}
      {hosts !== null && total > 0 && rows.length === 0 && <div className="panel-message">No host matches “{deferredQuery}”.</div>}
      {rows.length > 0 && (
        <HostTree rows={rows} chosenLogins={chosenLogins} onToggle={toggle} onOpen={open} onChooseLogin={chooseLogin} stale={!connected} />
      )}
    </section>
  );
}
