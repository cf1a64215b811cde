import type { useGateway, useHosts } from './hooks';
import { GatewayCard } from './GatewayCard';
import { HostsPanel } from './HostsPanel';

interface Props {
  gateway: ReturnType<typeof useGateway>;
  hosts: ReturnType<typeof useHosts>;
  onOpen: (host: string, login: string) => void;
  /** Without the main side, the last gateway state and host list are only history. */
  mainSideLost: boolean;
}

export function Sidebar({ gateway, hosts, onOpen, mainSideLost }: Props) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Portcullis
      </div>
      <GatewayCard {...gateway} mainSideLost={mainSideLost} />
      <HostsPanel {...hosts} connected={!mainSideLost && gateway.state?.status === 'connected'} onOpen={onOpen} />
    </aside>
  );
}
