// The "review" capability: the renderer's review.* requests, already checked against the client
// contract by the dispatcher, passed to the gateway's review.* methods over the connection's API
// channel. Nothing is decided here: the gateway scopes every answer to the caller's role.
import type { reviewMethods } from '../../../shared/contract/client-api/review';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createReviewService(connection: Pick<ConnectionService, 'connected'>): AreaService<typeof reviewMethods> {
  const gateway = () => connection.connected();
  return {
    handlers: {
      'review.sessions.search': (params) => gateway().request('review.sessions.search', params),
      'review.recording.open': (params) => gateway().request('review.recording.open', params),
      'review.recording.chunk': (params) => gateway().request('review.recording.chunk', params),
      'review.commands.search': (params) => gateway().request('review.commands.search', params),
      'review.bundle.create': (params) => gateway().request('review.bundle.create', params),
      'review.bundle.chunk': (params) => gateway().request('review.bundle.chunk', params),
      'review.session.metrics': (params) => gateway().request('review.session.metrics', params),
    },
  };
}
