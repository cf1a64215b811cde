// How the renderer, in a plain browser tab, reaches the client's main side running in Node:
// a WebSocket on the same 127.0.0.1 origin that served the page, at API_PATH. The per-launch
// token travels in the URL fragment (never sent in HTTP requests, so never in a log) and from
// there as a WebSocket subprotocol: ['portcullis', 'token.<hex>']. The server refuses a
// connection without the right token or with a foreign Origin, and answers with 'portcullis'.
export const BROWSER_SHELL_API_PATH = '/api';
export const BROWSER_SHELL_PROTOCOL = 'portcullis';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/** The fragment key that carries the token in the printed URL: http://127.0.0.1:PORT/#token=HEX */
export const TOKEN_FRAGMENT_KEY = 'token';
