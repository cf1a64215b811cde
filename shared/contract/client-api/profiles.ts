// Client API section "profiles": the gateway profiles, and importing them from ~/.ssh/config.
import { z } from 'zod';
import { FieldIssueSchema, ProfileIdSchema, ProfileInputSchema, ProfileSchema } from '../profiles';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const profilesMethods = {
  'profiles.list': { params: z.object({}).strict(), result: z.array(ProfileSchema) },
  'profiles.save': { params: z.object({ id: ProfileIdSchema.optional(), profile: ProfileInputSchema }).strict(), result: ProfileSchema },
  'profiles.remove': { params: z.object({ id: ProfileIdSchema }).strict(), result: z.null() },
  /** Reads ~/.ssh/config (Host, HostName, Port, User, IdentityFile) and adds what is not there yet. */
  'profiles.importSshConfig': {
    params: z.object({}).strict(),
    result: z.object({
      imported: z.array(ProfileSchema),
      skipped: z.array(z.object({ host: z.string(), reason: z.string(), issues: z.array(FieldIssueSchema).max(64).optional() })),
    }),
  },
} satisfies MethodTable;

export const profilesEvents = {} satisfies EventTable;

export const profilesSection = { methods: profilesMethods, events: profilesEvents } satisfies ApiSection;
