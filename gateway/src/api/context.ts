// What every API handler is given: the authenticated user. Its own module so handler files
// (`<area>-handlers.ts`) and the table that composes them do not import each other.
import type { ChannelEvents } from '../events';
import type { UserRecord } from '../store';

export interface ApiContext {
  user: UserRecord;
  /** The channel's event subscriptions (absent where the gateway serves no topics). */
  events?: ChannelEvents;
}
