// API methods for server-pushed events: each channel's subscriptions are in ctx.events
// (gateway/src/events), made by the API server for the channel.
import { why } from '../../../shared/contract/error-reasons';
import type { GatewayMethods } from '../../../shared/contract/gateway-api';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiContext } from './context';

const eventsOf = (ctx: ApiContext) => {
  if (!ctx.events) throw new RpcError('unavailable', 'this gateway sends no events', why('api.unserved', { feature: 'events' }));
  return ctx.events;
};

export function createEventHandlers(): Pick<Handlers<GatewayMethods, ApiContext>, 'events.subscribe' | 'events.unsubscribe'> {
  return {
    'events.subscribe': ({ topic, params }, ctx) => ({ subscription: eventsOf(ctx).subscribe(topic, params) }),
    'events.unsubscribe': ({ subscription }, ctx) => {
      eventsOf(ctx).unsubscribe(subscription);
      return null;
    },
  };
}
