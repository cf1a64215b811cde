// getPortcullisApi(): the one `window.portcullis` object, whichever shell we run in.
//  - Electron: the preload already exposed it (contextBridge); use it as is.
//  - Browser shell: build it over a WebSocket to ws://<this host>/api with the per-launch token
//    from the URL fragment, then expose it as window.portcullis — the same request/on shape.
//    That client (and the contract's zod schemas it validates with) is a chunk of its own, so
//    Electron, where the preload validates, does not evaluate it at start.
import { BROWSER_SHELL_API_PATH } from '../../../shared/contract/browser-shell';
import type { PortcullisApi } from '../../../shared/contract/window';
import { ALWAYS_OPEN_LINK, type MainSideLink } from './link';
import { isValidToken, takeTokenFromHash } from './token';
import type { WebSocketLike } from './websocket-api';

export type { MainSideLink, MainSideLinkState } from './link';

export type ApiBootstrap =
  | { ok: true; api: PortcullisApi; link: MainSideLink; shell: 'electron' | 'browser' }
  | { ok: false; reason: 'no-token' };

/** Kept per browser tab so a reload still works; gone when the tab closes. */
const TOKEN_STORAGE_KEY = 'portcullis.token';

let bootstrap: Promise<ApiBootstrap> | null = null;

export function getPortcullisApi(): Promise<ApiBootstrap> {
  return (bootstrap ??= createBootstrap());
}

async function createBootstrap(): Promise<ApiBootstrap> {
  if (window.portcullis) return { ok: true, api: unbridged(window.portcullis), link: ALWAYS_OPEN_LINK, shell: 'electron' };

  const token = takeToken();
  if (!token) return { ok: false, reason: 'no-token' };
  const { createWebSocketApi } = await import('./websocket-api');

  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}${BROWSER_SHELL_API_PATH}`;
  const { api, link } = createWebSocketApi(
    // The DOM WebSocket has exactly the members WebSocketLike names; its handler types are only
    // narrower (Event subclasses), which TypeScript cannot see through.
    (protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
    token,
    (message) => console.warn(message),
  );
  Object.defineProperty(window, 'portcullis', { value: api, writable: false, configurable: false, enumerable: true });
  return { ok: true, api, link, shell: 'browser' };
}

/** The token from the fragment (then removed from the visible URL), else from this tab's storage. */
function takeToken(): string | null {
  const { token, hashWithoutToken } = takeTokenFromHash(location.hash);
  if (hashWithoutToken !== location.hash) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hashWithoutToken}`);
  }
  const storage = sessionStorageOrNull();
  if (token) {
    storage?.setItem(TOKEN_STORAGE_KEY, token);
    return token;
  }
  const stored = storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  return stored && isValidToken(stored) ? stored : null;
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled
  }
}

/** Electron's preload: its rejections arrive as plain data (contextBridge keeps only an Error's message). */
function unbridged(api: PortcullisApi): PortcullisApi {
  return {
    // Loaded on the first failure only: the rpc protocol's schemas stay off the first paint.
    request: (method, params) =>
      api.request(method, params).catch(async (error: unknown) => {
        const { fromBridged } = await import('../../../shared/rpc/bridged-error');
        throw fromBridged(error);
      }),
    on: (event, listener) => api.on(event, listener),
  };
}
