// The "app" capability: what the shell is, and opening confirmed links in the system browser.
import { RpcError } from '../../../shared/rpc/protocol';
import type { appMethods } from '../../../shared/contract/client-api/app';
import type { AreaService } from '../area-service';

export type ShellKind = 'electron' | 'browser';

export interface AppServiceOptions {
  shell: ShellKind;
  version: string;
  /**
   * Opens an http(s) URL in the system browser (Electron: shell.openExternal). Absent in the
   * browser shell: app.openExternal then fails with 'unavailable' and the renderer opens the
   * link itself (window.open with noopener), being a browser already.
   */
  openExternal?: (url: string) => Promise<void>;
}

export function createAppService(options: AppServiceOptions): AreaService<typeof appMethods> {
  return {
    handlers: {
      'app.info': () => ({ version: options.version, shell: options.shell }),
      'app.openExternal': async ({ url }) => {
        const protocol = new URL(url).protocol;
        if (protocol !== 'http:' && protocol !== 'https:') throw new RpcError('bad_request', `only http and https links are opened, not ${protocol}`);
        if (!options.openExternal) {
          throw new RpcError('unavailable', 'the browser shell cannot open the system browser: open the link in a new tab (window.open with noopener)');
        }
        await options.openExternal(url);
        return null;
      },
    },
  };
}
