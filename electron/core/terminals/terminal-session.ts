// One terminal: a pty + shell channel through the gateway to login@host. Output is decoded with
// a streaming UTF-8 decoder (a multibyte character split across SSH packets stays whole) and
// handed on with its raw byte count, which the renderer acknowledges once drawn; flow control
// pauses the channel when too much is undrawn. Its end is reported as facts: who or what ended
// it, with the exit code or signal when the target told.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { ConnectionError, TerminalStatus } from '../../../shared/contract/client-api';
import type { LoginRuleRefusal, RefusalReason } from '../../../shared/contract/refusal';
import type { Target } from '../../../shared/contract/target';
import { createFlowControl, type FlowControl } from './flow-control';
import { createRefusalReader } from './refusal-reader';
import type { GatewayConnection } from '../connection/gateway-connection';

export type TerminalStatusUpdate = Omit<TerminalStatus, 'terminalId'>;

export interface TerminalHandlers {
  onData(data: string, bytes: number): void;
  /** 'closed' or 'lost', the last status a terminal reports ('live' is the caller's to announce). */
  onStatus(status: TerminalStatusUpdate): void;
}

export interface TerminalSession {
  input(data: string): void;
  resize(cols: number, rows: number): void;
  ack(bytes: number): void;
  /** Closes the channel (the gateway then ends the target's session); resolves once it is closed. */
  close(): Promise<void>;
  /** The gateway connection went away under this terminal: dropped (with why), or disconnected by the user. */
  markLost(reason: 'gateway_lost' | 'gateway_disconnected', connectionError?: ConnectionError): void;
  readonly ended: boolean;
  readonly flow: Pick<FlowControl, 'unacked' | 'paused'>;
}

export interface TerminalOptions extends Target {
  cols: number;
  rows: number;
  highWatermark?: number;
  lowWatermark?: number;
}

export async function openTerminalSession(connection: GatewayConnection, options: TerminalOptions, handlers: TerminalHandlers): Promise<TerminalSession> {
  const flow = createFlowControl(options.highWatermark, options.lowWatermark);
  let ended = false;
  let exit: { exitCode?: number; signal?: string } = {};
  // A fresh tag per channel: only this gateway channel can mark a refusal of this terminal.
  const refusalTag = randomBytes(16).toString('hex');
  let refusal: RefusalReason | undefined;
  let loginRule: LoginRuleRefusal | undefined;
  /** close() was called: the end is ours, not the target's. */
  let closedHere = false;

  const end = (status: TerminalStatusUpdate) => {
    if (ended) return;
    ended = true;
    handlers.onStatus(status);
  };

  const attach = (channel: ClientChannel) => {
    // stdout and stderr each get their own decoder: their bytes interleave per packet, not per character.
    const forward = (decoder: StringDecoder) => (chunk: Buffer) => {
      if (ended) return;
      const data = decoder.write(chunk);
      handlers.onData(data, chunk.length);
      if (flow.sent(chunk.length) === 'pause') pauseChannel(channel);
    };
    const stdout = new StringDecoder('utf8');
    const stderr = new StringDecoder('utf8');
    // The gateway's refusal marker can only come first on stderr, before anything else was received.
    const refusals = createRefusalReader(refusalTag, {
      onData: (data, bytes) => !ended && handlers.onData(data, bytes),
      onRefusal: (reason, facts) => {
        refusal = reason;
        loginRule = facts;
      },
    });
    channel.on('data', (chunk: Buffer) => {
      refusals.settle();
      forward(stdout)(chunk);
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (ended) return;
      refusals.stderr(stderr.write(chunk), chunk.length);
      if (flow.sent(chunk.length) === 'pause') pauseChannel(channel);
    });

    channel.on('exit', (code: number | null, signal?: string) => {
      exit = code !== null && code !== undefined ? { exitCode: code } : signal ? { signal: signal.startsWith('SIG') ? signal : `SIG${signal}` } : {};
    });
    channel.on('close', () => {
      // A character cut off by the end of the stream shows as U+FFFD rather than vanishing.
      refusals.settle();
      const rest = stdout.end() + stderr.end();
      if (rest && !ended) handlers.onData(rest, 0);
      if (refusal && !closedHere) end({ status: 'closed', reason: 'refused', refusal, ...(loginRule && { loginRule }), ...exit });
      else end({ status: 'closed', reason: closedHere ? 'closed' : 'ended', ...exit });
    });
    channel.on('error', () => {
      /* followed by 'close'; the connection reports its own errors */
    });
  };

  const channel = await connection.openShell(
    { login: options.login, host: options.host },
    { cols: options.cols, rows: options.rows, refusalTag, attach },
  );

  return {
    input(data) {
      if (!ended) channel.write(data);
    },
    resize(cols, rows) {
      // ssh2's order is rows, cols, then pixel height and width (unknown: 0).
      if (!ended) channel.setWindow(rows, cols, 0, 0);
    },
    ack(bytes) {
      if (flow.acked(bytes) === 'resume' && !ended) resumeChannel(channel);
    },
    close() {
      if (ended) return Promise.resolve();
      closedHere = true;
      return new Promise<void>((resolve) => {
        channel.once('close', () => resolve());
        channel.close();
      });
    },
    markLost(reason, connectionError) {
      end({ status: 'lost', reason, ...(connectionError ? { connectionError } : {}) });
    },
    get ended() {
      return ended;
    },
    flow,
  };
}

function pauseChannel(channel: ClientChannel): void {
  channel.pause();
  channel.stderr.pause();
}

function resumeChannel(channel: ClientChannel): void {
  channel.resume();
  channel.stderr.resume();
}
