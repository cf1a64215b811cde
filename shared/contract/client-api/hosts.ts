// Client API section "hosts": the hosts this user may reach, as host tables.
import { z } from 'zod';
import { HostTableSchema } from '../host-table';
import { HostTableHeadSchema, MAX_HEAD_ROWS } from '../host-table-head';
import { HostPlacesSchema } from '../host-places';
import { HostNameSchema, LoginNameSchema } from '../inventory';
import { ProfileIdSchema } from '../profiles';
import type { EventTable, MethodTable } from '../../rpc/protocol';
import type { ApiSection } from '../api-section';

export const hostsMethods = {
  /** The hosts this user may reach, as a host table: the renderer decodes it (decodeHostTable). */
  'hosts.list': { params: z.object({}).strict(), result: HostTableSchema },
  /**
   * The hosts of the tree's first `rows` rows (shared/contract/host-table-head), to paint before the
   * whole list arrives. The main side keeps the table it fetched for this for the next `hosts.list`.
   */
  'hosts.head': { params: z.object({ rows: z.number().int().min(1).max(MAX_HEAD_ROWS) }).strict(), result: HostTableHeadSchema },
  /** The profile's favourites and recent hosts (shared/contract/host-places); none yet: empty lists. */
  'hosts.places': { params: z.object({ profileId: ProfileIdSchema }).strict(), result: HostPlacesSchema },
  /** Stars (or unstars) a host of the profile; returns the places as saved. */
  'hosts.star': { params: z.object({ profileId: ProfileIdSchema, host: HostNameSchema, starred: z.boolean() }).strict(), result: HostPlacesSchema },
  /** A host was opened as `login`: it goes first among the profile's recents. Returns the places as saved. */
  'hosts.opened': { params: z.object({ profileId: ProfileIdSchema, host: HostNameSchema, login: LoginNameSchema }).strict(), result: HostPlacesSchema },
} satisfies MethodTable;

export const hostsEvents = {} satisfies EventTable;

export const hostsSection = { methods: hostsMethods, events: hostsEvents } satisfies ApiSection;
