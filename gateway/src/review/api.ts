// API handlers of the "review" area: recorded sessions, their recordings, the command log, the
// audit log and evidence bundles. The security and admin roles see everyone's; any other user
// sees only their own (asking for someone else's is denied, not silently narrowed; a session of
// someone else's asked for by id is not found, as if it did not exist).
import { why } from '../../../shared/contract/error-reasons';
import { join } from 'node:path';
import type { reviewMethods } from '../../../shared/contract/gateway-api/review';
import type { sessionsMethods } from '../../../shared/contract/gateway-api/sessions';
import type { Handlers } from '../../../shared/rpc/dispatcher';
import { RpcError } from '../../../shared/rpc/protocol';
import type { ApiAreaDeps, ApiContext } from '../api-area';
import { createCommandRepo } from '../commands/repo';
import { indexPathOf } from '../recording';
import { createSessionRepo, type SessionRecord } from '../sessions/repo';
import { listAudit } from './audit-view';
import { writeBundle } from './bundle';
import { bundleStoreFor } from './bundle-store';
import { searchCommands } from './command-search';
import { openRecording, readChunk } from './recording-chunks';
import { sessionMetrics } from './session-metrics';
import { searchSessions } from './session-search';

const seesEveryone = (ctx: ApiContext) => ctx.user.roles.includes('security') || ctx.user.roles.includes('admin');

/** The user filter a caller may use: any for security and admin, only themselves otherwise. */
function userScope(ctx: ApiContext, asked: string | undefined): string | undefined {
  if (seesEveryone(ctx)) return asked;
  if (asked !== undefined && asked !== ctx.user.name) throw new RpcError('denied', "only the security and admin roles may see other users' sessions and commands", why('api.others_data'));
  return ctx.user.name;
}

export function reviewApi({ store, review, metrics }: ApiAreaDeps): Handlers<typeof sessionsMethods & typeof reviewMethods, ApiContext> {
  const sessions = createSessionRepo(store.db);
  const commands = createCommandRepo(store.db);
  const bundles = review && bundleStoreFor(review.dataDir);

  /** A session the caller may review, with its recording's files. */
  const recordedSession = (id: string, ctx: ApiContext): SessionRecord & { cast: string; idx: string } => {
    const s = sessions.get(id);
    if (!s || (!seesEveryone(ctx) && s.user !== ctx.user.name)) throw new RpcError('not_found', `no session ${id}`, why('session.not_found', { id }));
    if (!review) throw new RpcError('unavailable', 'this gateway serves no recordings over the API', why('api.unserved', { feature: 'recordings' }));
    if (!s.recording) throw new RpcError('not_found', `session ${id} has no recording`, why('session.no_recording', { id }));
    const cast = join(review.dataDir, s.recording);
    return { ...s, cast, idx: indexPathOf(cast) };
  };
  const fileError = (error: unknown): never => {
    if (error instanceof RpcError) throw error;
    throw new RpcError('not_found', `the recording cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, why('session.recording_unreadable'));
  };

  return {
    'sessions.list': (p, ctx) =>
      sessions
        .list({ user: userScope(ctx, p.user), host: p.host, status: p.status, before: p.before, limit: p.limit, offset: p.offset })
        .map(({ recording, source: _source, ...s }) => ({ ...s, recorded: recording !== null })),
    'commands.search': (p, ctx) => commands.search({ query: p.query, user: userScope(ctx, p.user), host: p.host, limit: p.limit }),

    'review.sessions.search': (p, ctx) => searchSessions(store.db, { ...p, user: userScope(ctx, p.user) }),
    'review.commands.search': (p, ctx) => searchCommands(store.db, { ...p, user: userScope(ctx, p.user) }),
    'review.recording.open': async (p, ctx) => {
      const s = recordedSession(p.sessionId, ctx);
      const header = await openRecording(s.cast, s.idx).catch(fileError);
      const marks = commands.ofSession(s.id).map((c) => ({ id: c.id, t: Math.max(0, c.at - s.startedAt) / 1000, command: c.command }));
      return { sessionId: s.id, ...header, live: s.status === 'live', commands: marks };
    },
    'review.recording.chunk': async (p, ctx) => {
      const s = recordedSession(p.sessionId, ctx);
      return readChunk(s.cast, s.idx, { from: p.from, cursor: p.cursor, maxBytes: p.maxBytes, live: s.status === 'live' }).catch(fileError);
    },
    'review.session.metrics': (p, ctx) => {
      const s = sessions.get(p.sessionId);
      if (!s || (!seesEveryone(ctx) && s.user !== ctx.user.name)) throw new RpcError('not_found', `no session ${p.sessionId}`, why('session.not_found', { id: p.sessionId }));
      return sessionMetrics({ metrics }, s, ctx, seesEveryone(ctx));
    },
    'review.audit.list': (p) => listAudit(store.db, p),
    'review.audit.verify': () => store.audit.verify(),
    'review.bundle.create': async (p, ctx) => {
      const s = sessions.get(p.sessionId);
      if (!s || (!seesEveryone(ctx) && s.user !== ctx.user.name)) throw new RpcError('not_found', `no session ${p.sessionId}`, why('session.not_found', { id: p.sessionId }));
      if (!review || !bundles) throw new RpcError('unavailable', 'this gateway makes no evidence bundles over the API', why('api.unserved', { feature: 'bundles' }));
      const { id, file } = bundles.reserve(ctx.user.name);
      const made = await writeBundle({ db: store.db, audit: store.audit, dataDir: review.dataDir, hostKey: review.hostKey }, s.id, file).catch((error: Error) => {
        throw new RpcError('unavailable', error.message);
      });
      bundles.register(id, ctx.user.name, file, made.size);
      return { bundle: id, ...made };
    },
    'review.bundle.chunk': async (p, ctx) => {
      const part = await bundles?.read(p.bundle, ctx.user.name, p.offset, p.maxBytes);
      if (!part) throw new RpcError('not_found', 'no such bundle (they are kept 15 minutes)', why('bundle.not_found'));
      return { data: part.data.toString('base64'), offset: p.offset, next: part.next };
    },
  };
}
