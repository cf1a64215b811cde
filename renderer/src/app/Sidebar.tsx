import type { useGateway, useHosts } from './hooks';
import { GatewayCard } from './GatewayCard';
import { HostsPanel } from './HostsPanel';

interface Props {
  gateway: ReturnType<typeof useGateway>;
  hosts: ReturnType<typeof useHosts>;
  onOpen: (host: string, login: string) => void;
}

export function Sidebar({ gateway, hosts, onOpen }: Props) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Portcullis
      </div>
      <GatewayCard {...gateway} />
      <HostsPanel {...hosts} connected={gateway.state?.status === 'connected'} onOpen={onOpen} />
    </aside>
  );
}
