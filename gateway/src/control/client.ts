// The CLI's end of the control socket (./protocol.ts): one request, one answer.
import { connect } from 'node:net';
import { controlSocketPath, type ControlAnswer, type ControlRequest } from './protocol';

/** The gateway could not be reached, or it answered with an error. */
export class ControlError extends Error {}

export function controlRequest(dataDir: string, request: ControlRequest, timeoutMs = 30_000): Promise<ControlAnswer> {
  const path = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(path);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new ControlError(`the gateway did not answer within ${timeoutMs / 1000} s`));
    });
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const unreachable = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      reject(new ControlError(unreachable ? `cannot reach a running gateway at ${path}: is \`serve\` running on this data directory?` : `cannot reach the gateway at ${path}: ${error.message}`));
    });
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as ControlAnswer);
      } catch {
        reject(new ControlError('the gateway closed the control socket without an answer'));
      }
    });
  });
}
