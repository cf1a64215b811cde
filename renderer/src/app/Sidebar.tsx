import type { RefObject } from 'react';
import type { GatewayControl, useHosts } from './hooks';
import { GatewayCard } from './GatewayCard';
import { HostsPanel, type HostsPanelHandle, type OpenWhere } from './HostsPanel';

interface Props {
  gateway: GatewayControl;
  profileName: string | undefined;
  hosts: ReturnType<typeof useHosts>;
  onOpen: (host: string, login: string, where: OpenWhere) => void;
  /** Without the main side, the last gateway state and host list are only history. */
  mainSideLost: boolean;
  onProfiles: () => void;
  hostsPanel: RefObject<HostsPanelHandle | null>;
}

export function Sidebar({ gateway, profileName, hosts, onOpen, mainSideLost, onProfiles, hostsPanel }: Props) {
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Portcullis
      </div>
      <GatewayCard
        state={gateway.state}
        actionError={gateway.actionError}
        profileName={profileName}
        connect={() => void gateway.connect(gateway.state?.profileId ? { profileId: gateway.state.profileId } : {})}
        disconnect={gateway.disconnect}
        onProfiles={onProfiles}
        mainSideLost={mainSideLost}
      />
      <HostsPanel ref={hostsPanel} {...hosts} connected={!mainSideLost && gateway.state?.status === 'connected'} onOpen={onOpen} />
    </aside>
  );
}
