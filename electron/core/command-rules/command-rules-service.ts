// The "rules.command" capability: command rules and their tester, passed through to the gateway
// over the connection's API channel. The dispatcher has already checked the params against the
// client contract; the gateway decides who may (admins).
import type { CommandRulesClientMethods } from '../../../shared/contract/client-api/command-rules';
import type { AreaService } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';

export function createCommandRulesService(connection: Pick<ConnectionService, 'connected'>): AreaService<CommandRulesClientMethods> {
  const gateway = () => connection.connected();
  return {
    handlers: {
      'rules.command.list': (params) => gateway().request('rules.command.list', params),
      'rules.command.add': (params) => gateway().request('rules.command.add', params),
      'rules.command.remove': (params) => gateway().request('rules.command.remove', params),
      'rules.command.test': (params) => gateway().request('rules.command.test', params),
      'rules.command.corpus': (params) => gateway().request('rules.command.corpus', params),
    },
  };
}
