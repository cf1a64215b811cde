import { memo } from 'react';
import type { Host } from '../../../shared/contract/inventory';

interface Props {
  rowKey: string;
  host: Host;
  depth: number;
  indent: number;
  tabIndex: number;
  login: string | undefined;
  onFocus: () => void;
  onOpen: (host: Host) => void;
  onChooseLogin: (host: string, login: string) => void;
}

const MAX_CHIPS = 3;

export const HostRow = memo(function HostRow({ rowKey, host, depth, indent, tabIndex, login, onFocus, onOpen, onChooseLogin }: Props) {
  const tags = Object.entries(host.tags);
  const canOpen = host.logins.length > 0;
  const tooltip = [
    host.address,
    ...tags.map(([k, v]) => `${k}=${v}`),
    canOpen ? `Double-click or Enter: open ${login}@${host.name}` : 'No login account is granted on this host',
  ].join('\n');
  return (
    <div
      className={`tree-row host-row${canOpen ? '' : ' host-row-disabled'}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-disabled={!canOpen}
      data-testid="host-row"
      data-host={host.name}
      data-row-key={rowKey}
      tabIndex={tabIndex}
      title={tooltip}
      style={{ paddingLeft: indent + 14 }}
      onFocus={onFocus}
      onDoubleClick={(e) => {
        if ((e.target as HTMLElement).tagName !== 'SELECT') onOpen(host);
      }}
    >
      <span className="host-icon" aria-hidden="true" />
      <span className="host-name">{host.name}</span>
      <span className="chips">
        {tags.slice(0, MAX_CHIPS).map(([key, value]) => (
          <span key={key} className={`chip chip-${chipTone(key, value)}`}>
            {key === 'env' ? value : `${key}:${value}`}
          </span>
        ))}
        {tags.length > MAX_CHIPS && <span className="chip">+{tags.length - MAX_CHIPS}</span>}
      </span>
      {host.logins.length > 1 && (
        <select
          className="login-select"
          aria-label={`Login on ${host.name}`}
          value={login}
          tabIndex={-1}
          onChange={(e) => onChooseLogin(host.name, e.target.value)}
          onClick={(e) => e.stopPropagation()}
          onDoubleClick={(e) => e.stopPropagation()}
        >
          {host.logins.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      )}
      {host.logins.length === 1 && <span className="login-single">{login}</span>}
    </div>
  );
});

/** A hint of colour for well-known tags; everything else stays neutral. */
function chipTone(key: string, value: string): string {
  if (key !== 'env') return 'neutral';
  const v = value.toLowerCase();
  if (v.startsWith('prod')) return 'prod';
  if (v.startsWith('stag') || v === 'pre' || v === 'uat') return 'staging';
  return 'dev';
}
