// Gateway API section "sessions": recorded sessions and the command log (security sees everyone's).
import { z } from 'zod';
import { CommandEntrySchema, CommandsSearchParamsSchema, SessionsListParamsSchema, SessionSummarySchema } from '../sessions';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const sessionsMethods = {
  'sessions.list': { params: SessionsListParamsSchema, result: z.array(SessionSummarySchema) },
  'commands.search': { params: CommandsSearchParamsSchema, result: z.array(CommandEntrySchema) },
} satisfies MethodTable;

export const sessionsSection = { methods: sessionsMethods, events: {} satisfies EventTable } satisfies ApiSection;
