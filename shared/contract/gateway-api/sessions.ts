// Gateway API section "sessions": recorded sessions and the command log (security sees everyone's).
import { z } from 'zod';
import { CommandEntrySchema, CommandsSearchParamsSchema, SessionsListParamsSchema, SessionSummarySchema } from '../sessions';
import type { EventTable } from '../../rpc/protocol';
import { sessionsTopics } from '../live-sessions';
import { topicEvents } from './events';
import type { GatewayApiSection, GatewayMethodTable } from './policy';

export const sessionsMethods = {
  // own-data: the handler widens the scope to everyone's for the security role.
  'sessions.list': { params: SessionsListParamsSchema, result: z.array(SessionSummarySchema), policy: 'own-data' },
  'commands.search': { params: CommandsSearchParamsSchema, result: z.array(CommandEntrySchema), policy: 'own-data' },
} satisfies GatewayMethodTable;

export const sessionsSection = { methods: sessionsMethods, events: topicEvents(sessionsTopics) satisfies EventTable, topics: sessionsTopics } satisfies GatewayApiSection;
