// Gateway API section "sessions": recorded sessions and the command log (security sees everyone's).
import { z } from 'zod';
import { CommandEntrySchema, CommandsSearchParamsSchema, SessionsListParamsSchema, SessionSummarySchema } from '../sessions';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';
import { sessionsTopics } from '../live-sessions';
import { topicEvents } from './events';

export const sessionsMethods = {
  'sessions.list': { params: SessionsListParamsSchema, result: z.array(SessionSummarySchema) },
  'commands.search': { params: CommandsSearchParamsSchema, result: z.array(CommandEntrySchema) },
} satisfies MethodTable;

export const sessionsSection = { methods: sessionsMethods, events: topicEvents(sessionsTopics) satisfies EventTable, topics: sessionsTopics } satisfies ApiSection;
