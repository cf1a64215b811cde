// What an area (connection, hosts, terminal…) registers with the shell: its actions (palette and
// shortcuts), their handlers, its panels in the shell's slots, and its lazy chunks. The shell
// (shell/App.tsx) renders only what is registered in shell/areas.ts, so a new capability adds a
// folder and one line there, not a change to App.tsx.
//
// This module sits below every area and below the shell, so nothing here names an area. Each area
// adds the services it offers to the others to `AreaServices` (TypeScript declaration merging, in
// the area's own area.tsx): the shell builds them, the areas read them from the context, and no
// area imports another's folder for them.
import type { ComponentType } from 'react';
import type { PortcullisApi } from '../../../shared/contract/window';
import type { MainSideLinkState } from '../api';
import type { ActionDef, ActionId } from '../model/actions';
import type { Language } from '../model/locale';

/** A message catalog: i18next's nested JSON (plural forms as `key_one` / `key_other`). */
export interface Catalog {
  [key: string]: string | Catalog;
}

/** A catalog per language, each loaded when i18next first needs it. */
export type CatalogLoaders = Record<Language, () => Promise<{ default: Catalog }>>;

/** The services each area offers the others; every area declares its own members. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AreaServices {}

/** What every area's handlers and panels may use: the shared services and the shell's modal. */
export interface ShellContext extends AreaServices {
  api: PortcullisApi;
  linkState: MainSideLinkState;
  mainSideLost: boolean;
  /** The open modal dialog ('area.name'), one at a time. */
  modal: string | null;
  openModal(id: string): void;
  closeModal(): void;
  /** Every area's actions, in registry order. */
  actions: readonly ActionDef[];
  /** The areas' palette sources (Area.palette), in registry order. */
  palettes: readonly BoundPalette[];
  /** Opens the command palette; with an area's name, on that area's entries only (e.g. quick connect). */
  openPalette(only?: string): void;
  run(id: ActionId): void;
  enabled(id: ActionId): boolean;
}

/** One thing the palette offers besides the actions (a host to open…). */
export interface PaletteEntry {
  key: string;
  title: string;
  /** Shown before the title, where actions show their group. */
  group: string;
  detail?: string;
  run: () => void;
  /** A star toggle beside the entry (favourites). */
  starred?: boolean;
  toggleStar?: () => void;
}

/** What an area offers the palette: entries for what is typed. */
export interface PaletteSource {
  /** The catalog key of the palette's title when it shows only this source. */
  title: string;
  /** The catalog key of its input's placeholder then. */
  placeholder: string;
  entries: (ctx: ShellContext, query: string) => PaletteEntry[];
}

export interface BoundPalette {
  area: string;
  title: string;
  placeholder: string;
  entries: (query: string) => PaletteEntry[];
}

/** `status`: items in the status bar, after the access expiry. */
export type Slot = 'banner' | 'sidebar' | 'main' | 'overlay' | 'status';

export interface Area {
  name: string;
  actions: readonly ActionDef[];
  /** A handler per action of `actions`. */
  handlers?: (ctx: ShellContext) => Record<ActionId, () => void>;
  /** Rendered in each slot in the order of the registry; `overlay` holds an area's dialogs and effects. */
  panels?: Partial<Record<Slot, ComponentType<{ ctx: ShellContext }>>>;
  /** Its messages, one catalog per language (each a chunk: `() => import('./locales/en.json')`); the area's name is their i18next namespace. */
  catalogs?: CatalogLoaders;
  /** It shows on the first screen: the first render waits for its catalogs; the others' load after it. */
  firstScreen?: boolean;
  /** Entries the command palette lists beside the actions. */
  palette?: PaletteSource;
  /** Loads the area's lazy chunks (at idle after the first screen). */
  preload?: (ctx: ShellContext) => Promise<unknown>;
}
