// What command files (`commands-<topic>.ts`) and the program share: the I/O, the errors that end a
// command, the context. Its own module so the command files need not import the program back.
import type { Option } from 'commander';
import type { GatewayAdmin } from '../admin';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
  /** Standard output is a terminal: `serve` prints its human lines there without --pretty. */
  stdoutIsTty?: boolean;
  /** Resolves when the process is asked to stop (SIGTERM/SIGINT); `serve` then closes gracefully. */
  stopSignal(): Promise<string>;
}

/** Commander's collector for a repeatable option (`--tag a=1 --tag b=2`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A mistake by the person at the keyboard: printed as one line, exit status 1 (2 for usage). */
export class CliError extends Error {}

/** What command files (`commands-<topic>.ts`) need from the program. */
export interface CliContext {
  io: CliIo;
  dataOption(): Option;
  withAdmin<T>(opts: { data?: string }, fn: (admin: GatewayAdmin) => T | Promise<T>): Promise<T>;
}

/** Ends the command with this exit status; the command already printed what it had to say. */
export class ExitStatus extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
