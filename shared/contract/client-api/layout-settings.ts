// Client API section "layout & settings": the saved tabs and splits, and the user's settings.
import { z } from 'zod';
import { LayoutSchema } from '../layout';
import { SettingsSchema } from '../profiles';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const layoutSettingsMethods = {
  'layout.get': { params: z.object({}).strict(), result: LayoutSchema.nullable() },
  'layout.save': { params: z.object({ layout: LayoutSchema }).strict(), result: z.null() },
  'settings.get': { params: z.object({}).strict(), result: SettingsSchema },
  'settings.save': { params: z.object({ settings: SettingsSchema }).strict(), result: SettingsSchema },
} satisfies MethodTable;

export const layoutSettingsEvents = {} satisfies EventTable;

export const layoutSettingsSection = { methods: layoutSettingsMethods, events: layoutSettingsEvents } satisfies ApiSection;
