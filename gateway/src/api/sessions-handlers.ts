// API methods over recorded sessions and the command log. The security role sees everyone's;
// any other user sees only their own (asking for someone else's is denied, not silently narrowed).
import type Database from 'better-sqlite3';
import type { GatewayMethods } from '../../../shared/contract/gateway-api';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import { createCommandRepo } from '../commands/repo';
import { createSessionRepo } from '../sessions/repo';
import type { ApiContext } from './context';

/** The user filter a caller may use: any for security, only themselves otherwise. */
function userScope(ctx: ApiContext, asked: string | undefined): string | undefined {
  if (ctx.user.roles.includes('security')) return asked;
  if (asked !== undefined && asked !== ctx.user.name) throw new RpcError('denied', "only the security role may see other users' sessions and commands");
  return ctx.user.name;
}

export function createSessionHandlers(db: Database.Database): Pick<Handlers<GatewayMethods, ApiContext>, 'sessions.list' | 'commands.search'> {
  const sessions = createSessionRepo(db);
  const commands = createCommandRepo(db);
  return {
    'sessions.list': (p, ctx) =>
      sessions
        .list({ user: userScope(ctx, p.user), host: p.host, status: p.status, before: p.before, limit: p.limit, offset: p.offset })
        .map(({ recording, ...s }) => ({ ...s, recorded: recording !== null })),
    'commands.search': (p, ctx) => commands.search({ query: p.query, user: userScope(ctx, p.user), host: p.host, limit: p.limit }),
  };
}
