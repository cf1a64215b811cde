// The "live" capability on the main side: the caller's roles, the bytes of the live sessions and
// ending one with a reason, each one request to the gateway over the connection's API channel.
// The renderer is not trusted: the dispatcher has checked the params against the contract, and the
// gateway checks the caller's role (an operator's terminate comes back `denied`).
import { LIVE_BYTES_MAX, type liveMethods } from '../../../shared/contract/client-api/live';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createLiveService(connection: Pick<ConnectionService, 'connected'>): AreaService<typeof liveMethods> {
  return {
    handlers: {
      'live.caller': () => connection.connected().request('whoami', {}),
      async 'live.bytes'() {
        const page = await connection.connected().request('review.sessions.search', { status: 'live', limit: LIVE_BYTES_MAX, sort: 'newest' });
        return { bytes: Object.fromEntries(page.sessions.map((s) => [s.id, s.bytes])) };
      },
      'live.terminate': (params) => connection.connected().request('sessions.terminate', params),
    },
  };
}
