// Serves the gateway API on a `portcullis-api` subsystem channel: one JSON request per line in,
// one response per line out. A bad line gets a structured error and the channel stays usable.
// Flow control: reading stops while many requests are in flight or the client does not read its
// responses, so a client cannot make the gateway queue without bound.
import type { ServerChannel } from 'ssh2';
import { attachNdjson } from '../../../shared/node/ndjson';
import { GATEWAY_API_MAX_LINE, GATEWAY_API_MAX_RESPONSE_LINE, gatewayMethods } from '../../../shared/contract/gateway-api';
import { createDispatcher } from '../../../shared/rpc/dispatcher';
import type { ResponseMessage } from '../../../shared/rpc/protocol';
import type { Access } from '../access';
import type { Logger } from '../logger';
import type { Store } from '../store';
import { createGatewayHandlers, type ApiContext } from './handlers';

const MAX_IN_FLIGHT = 16;

export interface ApiDeps {
  access: Access;
  logger: Logger;
  store: Store;
}

export function serveApi(channel: ServerChannel, ctx: ApiContext, deps: ApiDeps, onDone: () => void): void {
  const dispatcher = createDispatcher(gatewayMethods, createGatewayHandlers(deps.access, deps.store), (method, error) =>
    deps.logger.error({ method, err: error instanceof Error ? error.message : String(error) }, 'API method failed'),
  );
  let inFlight = 0;
  let inputEnded = false;
  let waitingForDrain = false;
  let finished = false;
  let ending = false;

  const finish = () => {
    if (finished) return;
    finished = true;
    onDone();
  };
  channel.on('error', () => {});
  channel.on('close', finish);

  const maybeEnd = () => {
    if (!inputEnded || inFlight > 0 || !channel.writable || ending) return;
    ending = true;
    // After the last response has gone out (writes complete in order): an exit status, since
    // OpenSSH's `ssh -s` reports 255 for a channel that ends without one, then EOF and close.
    channel.write(Buffer.alloc(0), () => {
      if (!channel.writable) return;
      channel.exit(0);
      channel.end();
    });
  };
  const updateFlow = () => {
    if (inFlight >= MAX_IN_FLIGHT || waitingForDrain) conn.pause();
    else conn.resume();
  };

  const send = (message: ResponseMessage) => {
    if (!channel.writable) return;
    let ok: boolean;
    try {
      ok = conn.send(message);
    } catch (error) {
      // Too large for one line: tell the caller instead of sending something it would drop.
      const id = message.id;
      ok = conn.send({ type: 'response', id, ok: false, error: { code: 'internal', message: `response too large: ${(error as Error).message}` } });
    }
    if (!ok && !waitingForDrain) {
      waitingForDrain = true;
      updateFlow();
      void conn.drained().then(() => {
        waitingForDrain = false;
        updateFlow();
      });
    }
  };

  const conn = attachNdjson(channel, {
    maxLine: GATEWAY_API_MAX_LINE,
    maxSendLine: GATEWAY_API_MAX_RESPONSE_LINE,
    onMessage(raw) {
      inFlight++;
      updateFlow();
      void dispatcher.dispatch(raw, ctx).then((response) => {
        inFlight--;
        send(response);
        updateFlow();
        maybeEnd();
      });
    },
    onError(error) {
      send({ type: 'response', id: 0, ok: false, error: { code: 'bad_request', message: error.message } });
    },
    onClose() {
      inputEnded = true;
      maybeEnd();
    },
  });
  channel.resume();
}
