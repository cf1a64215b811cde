// `access.mine`: what a user reaches now and until when, their grants, their pending requests.
import type { AccessMine } from '../../../shared/contract/gateway-api/access';
import type { Access } from '../access';
import type { RequestService } from './service';

export function myAccess(access: Access, requests: RequestService, user: string, now = Date.now()): AccessMine {
  return {
    hosts: access
      .reachableHosts(user, now)
      .map((r) => ({ host: r.host.name, logins: r.logins, until: r.accessUntil }))
      .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0)),
    grants: access.myGrants(user, now),
    requests: requests.list({ requester: user, state: 'pending', limit: 500 }),
  };
}
