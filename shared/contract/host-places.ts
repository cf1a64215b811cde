// The hosts a user keeps at hand, per gateway profile: favourites (starred hosts) and the hosts
// opened last. The quick-connect palette lists them first. Kept by the client's main side, which
// validates every change with these schemas.
import { z } from 'zod';
import { HostNameSchema, LoginNameSchema } from './inventory';

import { HOST_PLACES_LIMITS } from './host-places-edit';

export { HOST_PLACES_LIMITS } from './host-places-edit';

export const RecentHostSchema = z.object({ host: HostNameSchema, login: LoginNameSchema }).strict();
export type RecentHost = z.infer<typeof RecentHostSchema>;

export const HostPlacesSchema = z
  .object({
    /** Starred host names, in the order they were starred. */
    favourites: z.array(HostNameSchema).max(HOST_PLACES_LIMITS.favourites),
    /** The hosts opened last, newest first, one entry per host (with the login it was opened as). */
    recents: z.array(RecentHostSchema).max(HOST_PLACES_LIMITS.recents),
  })
  .strict();
export type HostPlaces = z.infer<typeof HostPlacesSchema>;

export { NO_HOST_PLACES, withOpened, withStar } from './host-places-edit';
