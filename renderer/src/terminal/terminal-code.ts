// The terminal code (xterm.js, its WebGL renderer and addons: ./session) is a chunk of its own,
// loaded after the first screen (at idle) or when a pane first opens, so the app starts without
// evaluating it.
import type * as SessionCode from './session';

export type SessionModule = typeof SessionCode;

export class TerminalCode {
  private module: SessionModule | null = null;
  private loading: Promise<SessionModule> | null = null;

  /** The code, if it has arrived. */
  get loaded(): SessionModule | null {
    return this.module;
  }

  /** Loads it once; a failed load may be tried again. */
  load(): Promise<SessionModule> {
    this.loading ??= import('./session').then(
      (module) => (this.module = module),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}
