// Client API section "layout & settings": the saved tabs and splits, the user's settings, and the
// window's frame (the sidebar's width).
import { z } from 'zod';
import { LayoutSchema } from '../layout';
import { SettingsSchema } from '../profiles';
import { ViewStateSchema } from '../view-state';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const layoutSettingsMethods = {
  'layout.get': { params: z.object({}).strict(), result: LayoutSchema.nullable() },
  'layout.save': { params: z.object({ layout: LayoutSchema }).strict(), result: z.null() },
  'settings.get': { params: z.object({}).strict(), result: SettingsSchema },
  'settings.save': { params: z.object({ settings: SettingsSchema }).strict(), result: SettingsSchema },
  /** The sidebar's width and whether it is collapsed (shared/contract/view-state); the defaults if none was saved. */
  'view.get': { params: z.object({}).strict(), result: ViewStateSchema },
  'view.save': { params: z.object({ view: ViewStateSchema }).strict(), result: z.null() },
} satisfies MethodTable;

export const layoutSettingsEvents = {} satisfies EventTable;

export const layoutSettingsSection = { methods: layoutSettingsMethods, events: layoutSettingsEvents } satisfies ApiSection;
