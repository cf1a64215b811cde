// The renderer's own link to the client's main side. In Electron (IPC) it is always open; in the
// browser shell it is a WebSocket that can be lost (the app quits, the token is wrong).
export type MainSideLinkState = { status: 'connecting' } | { status: 'open' } | { status: 'lost'; reason: string };

export interface MainSideLink {
  readonly state: MainSideLinkState;
  subscribe(listener: (state: MainSideLinkState) => void): () => void;
}

export const ALWAYS_OPEN_LINK: MainSideLink = Object.freeze({
  state: { status: 'open' } as const,
  subscribe: () => () => {},
});
