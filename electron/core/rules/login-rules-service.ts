// The "rules.login" capability: the admin's login rules, passed through to the gateway over the
// connection's API channel. The dispatcher has checked the params against the client contract;
// the gateway checks the role and validates every field.
import type { LoginRulesClientMethods } from '../../../shared/contract/client-api/login-rules';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createLoginRulesService(connection: Pick<ConnectionService, 'connected'>): AreaService<LoginRulesClientMethods> {
  const gateway = () => connection.connected();
  return {
    handlers: {
      'rules.login.list': (params) => gateway().request('rules.login.list', params),
      'rules.login.check': (params) => gateway().request('rules.login.check', params),
      'rules.login.add': (params) => gateway().request('rules.login.add', params),
      'rules.login.remove': (params) => gateway().request('rules.login.remove', params),
      'rules.login.users': (params) => gateway().request('users.list', params),
      'rules.login.groups': (params) => gateway().request('groups.list', params),
    },
  };
}
