// The user's side of an SFTP session as the session core relays it: the same ClientSide, with each
// direction cut into whole SFTP messages and shown to the observer (sftp-observer.ts) on the way.
// Requests go to the target, or are answered here when the observer refuses them; replies go to the
// user unchanged. Whole messages only, so an answer of ours never lands inside one of the target's.
//
// Memory: at most one message being assembled per direction (MAX_SFTP_MESSAGE_BYTES) plus the
// streams' own buffers; backpressure is the streams' (a full side stops the other, as in relay.ts).
import { Transform, Writable } from 'node:stream';
import type { ClientSide } from '../sessions/core/client-side';
import { MessageSplitter, SftpProtocolError } from './sftp-messages';
import type { SftpObserver } from './sftp-observer';

/**
 * Wraps `client` for the relay. `abort(reason, by)` is called once when the user or the target
 * breaks the protocol (a message over the limit, a truncated one): the session must end.
 */
export function sftpSide(client: ClientSide, observer: SftpObserver, abort: (reason: string, by: 'client' | 'target') => void): ClientSide {
  let aborted = false;
  const fail = (error: unknown, by: 'client' | 'target') => {
    if (aborted) return;
    aborted = true;
    abort(error instanceof SftpProtocolError ? error.message : `SFTP relay error: ${String(error)}`, by);
  };
  /** Writes to the user, calling `done` once the user's side takes more (its 'drain'). */
  const toUser = (messages: Buffer[], done: () => void) => {
    let full = false;
    for (const message of messages) full = !client.output.write(message) || full;
    if (full && client.writable) client.output.once('drain', done);
    else done();
  };

  const requests = new MessageSplitter();
  const input = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (aborted) return callback();
      const answers: Buffer[] = [];
      try {
        for (const message of requests.push(chunk)) {
          const decision = observer.request(message);
          if (decision.forward) this.push(message);
          else answers.push(decision.reply);
        }
      } catch (error) {
        fail(error, 'client');
        return callback();
      }
      toUser(answers, () => callback());
    },
  });
  client.input.on('error', (error) => input.destroy(error));
  client.input.pipe(input);

  const replies = new MessageSplitter();
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (aborted) return callback();
      let messages: Buffer[];
      try {
        messages = replies.push(chunk);
        for (const message of messages) observer.reply(message);
      } catch (error) {
        fail(error, 'target');
        return callback();
      }
      toUser(messages, () => callback());
    },
  });

  return {
    output,
    stderr: client.stderr,
    input,
    get writable() {
      return client.writable;
    },
    exit: (exit) => client.exit(exit),
    end: () => client.end(),
    close: () => client.close(),
  };
}
