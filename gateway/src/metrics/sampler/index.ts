// The SSH sampler as the gateway starts it: its pool and the session core it runs its execs
// through, the core's access decision being the sampler's own (./access.ts), its recordings,
// sessions rows and liveness checks the gateway's.
import type { Access } from '../../access';
import type { Liveness } from '../../liveness';
import type { Logger } from '../../logger';
import { createSessionCore } from '../../sessions/core';
import type { SessionLifecycle } from '../../sessions/lifecycle';
import type { Store } from '../../store';
import { samplerAccess } from './access';
import { createSamplerPool, type SamplerPool, type SamplerSettings } from './pool';

export { SAMPLER_USER } from './access';
export { SAMPLER_TAG, type SamplerPool, type SamplerSettings } from './pool';

export function createSshSampler(deps: { store: Store; access: Access; logger: Logger; liveness?: Liveness; lifecycle?: SessionLifecycle; settings: SamplerSettings }): SamplerPool {
  const made: { pool?: SamplerPool } = {}; // the core asks the pool for logins; the pool runs on the core
  const core = createSessionCore({ ...deps, access: samplerAccess(deps.access, (host) => made.pool?.loginOf(host)) });
  made.pool = createSamplerPool({ store: deps.store, core, logger: deps.logger, settings: deps.settings });
  return made.pool;
}
