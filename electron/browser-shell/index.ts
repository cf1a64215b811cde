// The browser shell: the renderer in a browser tab over a token-guarded loopback WebSocket.
export { startBrowserShell, MAX_FRAME_BYTES, type BrowserShell, type BrowserShellOptions } from './server';
export { createToken } from './access';
