// The running gateway's end of the control socket (./protocol.ts).
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, type Socket } from 'node:net';
import { describeZodError } from '../../../shared/rpc/protocol';
import type { Logger } from '../logger';
import { TerminateError, type Terminator } from '../sessions/terminate';
import { CONTROL_MAX_LINE, ControlRequestSchema, controlSocketPath, type ControlAnswer } from './protocol';

/** A client that sends no complete line in this long is dropped. */
const REQUEST_TIMEOUT_MS = 5000;

export interface ControlServer {
  close(): Promise<void>;
}

export async function startControlServer(deps: { dataDir: string; terminator: Terminator; logger: Logger }): Promise<ControlServer> {
  const path = controlSocketPath(deps.dataDir);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  chmodSync(dirname(path), 0o700); // also when it existed: nobody else may even reach the socket
  rmSync(path, { force: true }); // left by a run that was killed
  const log = deps.logger.child({ control: path });
  const server = createServer((socket) => serve(socket, deps.terminator, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  server.on('error', (error) => log.error({ err: error.message }, 'control socket error'));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(path, { force: true });
      }),
  };
}

function serve(socket: Socket, terminator: Terminator, log: Logger): void {
  let text = '';
  let answered = false;
  const answer = (a: ControlAnswer) => {
    answered = true;
    socket.end(JSON.stringify(a) + '\n');
  };
  const fail = (code: string, message: string) => answer({ ok: false, error: { code, message } });
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    if (answered || text.includes('\n')) return; // one request per connection
    text += chunk.toString('utf8');
    if (text.length > CONTROL_MAX_LINE) return fail('bad_request', `the request is longer than ${CONTROL_MAX_LINE} bytes`);
    const nl = text.indexOf('\n');
    if (nl === -1) return;
    socket.setTimeout(0); // the answer may wait for the session to end
    let json: unknown;
    try {
      json = JSON.parse(text.slice(0, nl));
    } catch {
      return fail('bad_request', 'the request is not JSON');
    }
    const parsed = ControlRequestSchema.safeParse(json);
    if (!parsed.success) return fail('bad_request', describeZodError(parsed.error));
    const { sessionId, reason, actor } = parsed.data;
    terminator.terminate({ sessionId, reason, by: actor }).then(
      ({ endedAt, kind }) => answer({ ok: true, endedAt, kind }),
      (error: unknown) => {
        if (error instanceof TerminateError) return fail(error.code, error.message);
        log.error({ err: String(error) }, 'control request failed');
        fail('internal', 'the gateway could not do it; its log has the details');
      },
    );
  });
}
