import type { PortcullisApi } from '../../shared/contract/window';
import type { PortcullisTestHook } from './test-hook';

declare global {
  interface Window {
    /** Provided by Electron's preload, or by renderer/src/api in the browser shell. */
    portcullis?: PortcullisApi;
    /** Read-only view for end-to-end tests (see ./test-hook.ts). */
    __portcullisTest?: PortcullisTestHook;
  }
}
