// The `access.requests` and `access.mine` topics. access.requests: the pending requests the caller
// sees (operators their own, security and admin everyone's) with the pending count (the admins'
// badge), then each request as it is created or changes state. access.mine: the caller's
// `access.mine`, then again whenever it differs (a grant, a group, a request changed).
import type { AccessRequest } from '../../../shared/contract/gateway-api/access';
import type { Access } from '../access';
import type { TopicRegistry } from '../events';
import type { UserRecord } from '../store';
import type { AccessFeed } from './feed';
import { myAccess } from './mine';
import type { RequestService } from './service';

/** Whether `caller` sees every user's requests (not only their own). */
export const seesEveryRequest = (caller: UserRecord) => caller.roles.includes('security') || caller.roles.includes('admin');

export function registerAccessTopics(topics: TopicRegistry, deps: { access: Access; requests: RequestService; feed: AccessFeed }): void {
  const { requests, feed } = deps;
  topics.register('access.requests', {
    authorize(caller) {
      if (seesEveryRequest(caller)) return { ok: true, scope: 'all' };
      if (caller.roles.includes('operator')) return { ok: true, scope: 'own' };
      return { ok: false, reason: 'only the operator, security and admin roles have access requests' };
    },
    start(caller, _params, scope, emit) {
      const requester = scope === 'all' ? undefined : caller.name;
      const pending = () => requests.pendingCount(requester);
      // Snapshot and listening in one turn: no change falls between them.
      emit({ change: 'snapshot', requests: requests.list({ requester, state: 'pending', limit: 500 }), pending: pending() });
      return feed.listen((changed: AccessRequest[]) => {
        const mine = changed.filter((r) => requester === undefined || r.requester === requester);
        if (mine.length === 0) return;
        const count = pending();
        for (const request of mine) emit({ change: 'request', request, pending: count });
      });
    },
  });

  topics.register('access.mine', {
    authorize: () => ({ ok: true, scope: 'own' }), // own data only; a user with no grant sees nothing
    start(caller, _params, _scope, emit) {
      let last = '';
      const send = () => {
        const now = myAccess(deps.access, requests, caller.name);
        const text = JSON.stringify(now);
        if (text === last) return;
        last = text;
        emit(now);
      };
      send();
      return feed.listen(send);
    },
  });
}
