// What an area's API handlers (`<area>/api.ts`) are given: per call, the authenticated user as
// the database has them now; once, what they are built from. Outside api/ (an adapter) so the
// areas need not import it.
import type { Access } from './access';
import type { BatchService } from './batch/service';
import type { ChannelEvents } from './events';
import type { MetricsService } from './metrics/service';
import type { RequestService } from './requests/service';
import type { Terminator } from './sessions/terminate';
import type { Store, UserRecord } from './store';

export interface ApiContext {
  user: UserRecord;
  /** The caller's source address (absent where the API is served without a connection, in tests). */
  source?: string;
  /** The channel's event subscriptions (absent where the gateway serves no topics). */
  events?: ChannelEvents;
}

/** What an area's API handlers may use. */
export interface ApiAreaDeps {
  access: Access;
  store: Store;
  /** Ends live sessions on request (`sessions.terminate`); absent where no session core runs. */
  terminator?: Terminator;
  /** Batch jobs (absent where the gateway runs none, e.g. bare tests). */
  batch?: BatchService;
  /** Host metrics from the monitoring system (absent in bare tests). */
  metrics?: MetricsService;
  /** Access requests (absent in bare tests). */
  requests?: RequestService;
  /** Called after an API call changed grants: live sessions and topics re-check at once. */
  onAccessWrite?: () => void;
  /** Where recordings are, and the key evidence bundles are signed with (the review area). */
  review?: { dataDir: string; hostKey: { privateKey: string; publicKey: string } };
}
