// The "terminals" capability: pty sessions through the gateway. A terminal belongs to the
// renderer session that opened it: only that session hears it, and closing the session closes
// it. When the gateway connection goes, every terminal ends as 'lost' with the facts of why.
import { why } from '../../../shared/contract/error-reasons';
import { RpcError } from '../../../shared/rpc/protocol';
import type { GatewayState } from '../../../shared/contract/client-api';
import type { terminalsMethods } from '../../../shared/contract/client-api/terminals';
import type { AreaService, EventSink, RendererSession } from '../area-service';
import type { ConnectionService } from '../connection/connection-service';
import { openTerminalSession, type TerminalSession, type TerminalStatusUpdate } from './terminal-session';

export interface TerminalsServiceOptions {
  connection: Pick<ConnectionService, 'connected' | 'onState'>;
  events: EventSink;
  /** Flow-control watermarks in bytes (defaults in ./flow-control). */
  highWatermark?: number;
  lowWatermark?: number;
}

interface TerminalEntry {
  session: RendererSession;
  terminal: TerminalSession;
}

export function createTerminalsService(options: TerminalsServiceOptions): AreaService<typeof terminalsMethods> {
  const { connection, events } = options;
  const terminals = new Map<string, TerminalEntry>();
  let nextTerminal = 1;

  connection.onState((state: GatewayState) => {
    if (state.status !== 'lost' && state.status !== 'disconnected') return;
    for (const [id, entry] of terminals) {
      if (state.status === 'lost') entry.terminal.markLost('gateway_lost', state.error);
      else entry.terminal.markLost('gateway_disconnected');
      terminals.delete(id);
    }
  });

  function terminalOf(session: RendererSession, terminalId: string): TerminalSession {
    const entry = terminals.get(terminalId);
    // Another session's terminal is as unknown to this one as a closed terminal.
    if (!entry || entry.session !== session) throw new RpcError('not_found', `there is no open terminal ${terminalId}`, why('client.terminal_not_found', { id: terminalId }));
    return entry.terminal;
  }

  function sessionTerminals(session: RendererSession): TerminalSession[] {
    const mine = [...terminals].filter(([, entry]) => entry.session === session);
    for (const [id] of mine) terminals.delete(id);
    return mine.map(([, entry]) => entry.terminal);
  }

  return {
    handlers: {
      'terminal.open': async ({ host, login, cols, rows }, session) => {
        const gateway = connection.connected();
        const terminalId = `t${nextTerminal++}`;
        const onStatus = (status: TerminalStatusUpdate) => {
          events.emit(session, 'terminal.status', { terminalId, ...status });
          if (status.status === 'closed' || status.status === 'lost') terminals.delete(terminalId);
        };
        const terminal = await openTerminalSession(
          gateway,
          { host, login, cols, rows, highWatermark: options.highWatermark, lowWatermark: options.lowWatermark },
          { onData: (data, bytes) => events.emit(session, 'terminal.data', { terminalId, data, bytes }), onStatus },
        );
        if (session.closed) {
          // The renderer went away while the channel was opening.
          await terminal.close();
          throw new RpcError('unavailable', 'the session closed while the terminal was opening', why('client.session_closed'));
        }
        if (!terminal.ended) {
          terminals.set(terminalId, { session, terminal });
          // Announce 'live' after the response carrying the id has gone out, so the renderer knows the id.
          setImmediate(() => {
            if (!terminal.ended) events.emit(session, 'terminal.status', { terminalId, status: 'live' });
          });
        }
        return { terminalId };
      },
      'terminal.input': ({ terminalId, data }, session) => {
        terminalOf(session, terminalId).input(data);
        return null;
      },
      'terminal.resize': ({ terminalId, cols, rows }, session) => {
        terminalOf(session, terminalId).resize(cols, rows);
        return null;
      },
      'terminal.ack': ({ terminalId, bytes }, session) => {
        // The renderer acks after drawing, so an ack can trail the terminal's end: nothing to do then.
        const entry = terminals.get(terminalId);
        if (entry?.session === session) entry.terminal.ack(bytes);
        return null;
      },
      'terminal.close': async ({ terminalId }, session) => {
        const terminal = terminalOf(session, terminalId);
        terminals.delete(terminalId);
        await terminal.close();
        return null;
      },
    },
    async closeSession(session) {
      await Promise.all(sessionTerminals(session).map((t) => t.close()));
    },
  };
}
