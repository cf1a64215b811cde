// Client API section "app": what the shell is, and opening links outside it.
import { z } from 'zod';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const appMethods = {
  'app.info': {
    params: z.object({}).strict(),
    result: z.object({ version: z.string(), shell: z.enum(['electron', 'browser']) }),
  },
  /** Opens an http(s) link in the system browser, after the renderer had the user confirm it. */
  'app.openExternal': { params: z.object({ url: z.string().url().max(4096) }).strict(), result: z.null() },
} satisfies MethodTable;

export const appEvents = {} satisfies EventTable;

export const appSection = { methods: appMethods, events: appEvents } satisfies ApiSection;
