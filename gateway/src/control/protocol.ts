// The control socket: how the CLI on the gateway host reaches the running gateway for what the
// database cannot carry (ending a live session now). A unix socket in the data dir, inside a 0700
// directory, itself 0600: only the account the gateway runs as (which can read the database and
// keys anyway) may connect. One JSON request line, one JSON answer line, then the gateway closes.
import { join } from 'node:path';
import { z } from 'zod';
import { TerminateParamsSchema } from '../../../shared/contract/gateway-api/live';

export const CONTROL_DIR = 'run';
export const controlSocketPath = (dataDir: string) => join(dataDir, CONTROL_DIR, 'control.sock');

/** A request line is small: a session id and a reason. */
export const CONTROL_MAX_LINE = 4096;

export const ControlRequestSchema = z.discriminatedUnion('op', [
  TerminateParamsSchema.extend({ op: z.literal('terminate'), actor: z.string().min(1).max(200) }).strict(),
]);
export type ControlRequest = z.infer<typeof ControlRequestSchema>;

/** `kind`: what the id was (a gateway before forwards could be terminated sends none: a session). */
export type ControlAnswer = { ok: true; endedAt: number; kind?: 'session' | 'forward' } | { ok: false; error: { code: string; message: string } };
