// Which gateway actions the palette offers, by the roles the gateway told (access.whoami): the
// admin's approvals, grants and rules only to admins, asking for access to operators and admins.
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayRole } from '../../../shared/contract/gateway-api/policy';
import { ACTIONS } from '../shell/areas';
import { isEnabled, type ActionContext } from '../model/actions';
import { publishAccessLive } from './live-store';

const ctx = (gateway: ActionContext['gateway']): ActionContext => ({ hasTab: false, gateway, focusedPaneEnded: false });
const ROLE_BOUND = ['access.request', 'access.approvals', 'access.grants', 'rules.login', 'commandRules.open'];

/** The role-bound actions offered to a user holding `roles`. */
function offered(roles: GatewayRole[], gateway: ActionContext['gateway'] = 'connected'): string[] {
  publishAccessLive({ roles, mine: null, pending: 0, requestsVersion: 0 });
  return ACTIONS.filter((a) => ROLE_BOUND.includes(a.id) && isEnabled(a, ctx(gateway))).map((a) => a.id);
}

afterEach(() => publishAccessLive({ roles: [], mine: null, pending: 0, requestsVersion: 0 }));

describe('admin and operator actions by role', () => {
  it('offers approvals, grants and both kinds of rules to an admin only', () => {
    expect(offered(['admin'])).toEqual(ROLE_BOUND);
    expect(offered(['operator'])).toEqual(['access.request']);
    expect(offered(['security'])).toEqual([]);
    expect(offered(['security', 'operator'])).toEqual(['access.request']);
  });

  it('offers none before the gateway told the roles, nor when not connected', () => {
    expect(offered([])).toEqual([]);
    expect(offered(['admin'], 'disconnected')).toEqual([]);
  });
});
