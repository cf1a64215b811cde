// What an area (connection, hosts, terminal…) registers with the shell: its actions (palette and
// shortcuts), their handlers, its panels in the shell's slots, and its lazy chunks. The shell
// (App.tsx) renders only what is registered in ./areas.ts, so a new capability adds a folder and one
// line there, not a change to App.tsx.
import type { ComponentType } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLinkState } from '../api';
import type { GatewayControl, ProfilesControl } from '../connection';
import type { HostsControl } from '../hosts';
import type { ActionDef, ActionId } from '../model/actions';
import type { SessionsSnapshot, SessionsStore } from '../terminal';
import type { AppInfo, SettingsControl } from './hooks';

/** What every area's handlers and panels may use: the shared services and the shell's modal. */
export interface ShellContext {
  api: PortcullisApi;
  store: SessionsStore;
  sessions: SessionsSnapshot;
  linkState: MainSideLinkState;
  mainSideLost: boolean;
  gateway: GatewayControl;
  profiles: ProfilesControl;
  hosts: HostsControl;
  settings: SettingsControl;
  appInfo: AppInfo | null;
  /** The open modal dialog ('area.name'), one at a time. */
  modal: string | null;
  openModal(id: string): void;
  closeModal(): void;
  /** Every area's actions, in registry order. */
  actions: readonly ActionDef[];
  run(id: ActionId): void;
  enabled(id: ActionId): boolean;
}

export type Slot = 'banner' | 'sidebar' | 'main' | 'overlay';

export interface Area {
  name: string;
  actions: readonly ActionDef[];
  /** A handler per action of `actions`. */
  handlers?: (ctx: ShellContext) => Record<ActionId, () => void>;
  /** Rendered in each slot in the order of the registry; `overlay` holds an area's dialogs and effects. */
  panels?: Partial<Record<Slot, ComponentType<{ ctx: ShellContext }>>>;
  /** Loads the area's lazy chunks (at idle after the first screen). */
  preload?: (ctx: ShellContext) => Promise<unknown>;
}
