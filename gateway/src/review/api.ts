// API handlers of the "review" area: recorded sessions and the command log. The security role
// sees everyone's; any other user sees only their own (asking for someone else's is denied, not
// silently narrowed).
import type { sessionsMethods } from '../../../shared/contract/gateway-api/sessions';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { createCommandRepo } from '../commands/repo';
import { createSessionRepo } from '../sessions/repo';

/** The user filter a caller may use: any for security, only themselves otherwise. */
function userScope(ctx: ApiContext, asked: string | undefined): string | undefined {
  if (ctx.user.roles.includes('security')) return asked;
  if (asked !== undefined && asked !== ctx.user.name) throw new RpcError('denied', "only the security role may see other users' sessions and commands");
  return ctx.user.name;
}

export function reviewApi({ store }: ApiAreaDeps): Handlers<typeof sessionsMethods, ApiContext> {
  const sessions = createSessionRepo(store.db);
  const commands = createCommandRepo(store.db);
  return {
    'sessions.list': (p, ctx) =>
      sessions
        .list({ user: userScope(ctx, p.user), host: p.host, status: p.status, before: p.before, limit: p.limit, offset: p.offset })
        .map(({ recording, ...s }) => ({ ...s, recorded: recording !== null })),
    'commands.search': (p, ctx) => commands.search({ query: p.query, user: userScope(ctx, p.user), host: p.host, limit: p.limit }),
  };
}
