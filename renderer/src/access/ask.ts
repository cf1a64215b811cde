// How another area (a refused pane, the host tree) asks for the request-access dialog, pre-filled:
// a DOM event the access area's overlay listens for, so the asking area needs nothing else of it.
const ASK_EVENT = 'portcullis:access-request';

export interface AccessAsk {
  /** A grant selector: names, `node:…` or a tag expression. */
  hosts: string;
  login?: string;
  /**
   * The asking dialog, to go back to when the request dialog closes (sent: the request was made).
   * Without it, Send shows "my access" and Cancel just closes.
   */
  onClosed?: (sent: boolean) => void;
}

/** Opens the request-access dialog with these hosts and login. */
export function requestAccess(ask: AccessAsk): void {
  document.dispatchEvent(new CustomEvent(ASK_EVENT, { detail: ask }));
}

export function onAccessAsked(listener: (ask: AccessAsk) => void): () => void {
  const handler = (e: Event) => {
    const detail = (e as CustomEvent<Partial<AccessAsk> | null>).detail;
    const onClosed = typeof detail?.onClosed === 'function' ? detail.onClosed : undefined;
    listener({ hosts: String(detail?.hosts ?? ''), login: detail?.login === undefined ? undefined : String(detail.login), onClosed });
  };
  document.addEventListener(ASK_EVENT, handler);
  return () => document.removeEventListener(ASK_EVENT, handler);
}
