// The Electron shell's "don't trust the renderer" checks, as small pure
// functions: no `electron` import, so vitest checks them in plain Node.

/** The renderer is served from app://portcullis/ (see ./app-protocol.ts), its own origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'portcullis';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our app origin. (Node's URL gives non-special schemes the origin "null", so compare parts.) */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password && !parsed.port;
  } catch {
    return false;
  }
}

export interface SenderFrame {
  url: string;
  /** The frame is its WebContents' main frame (not an iframe). */
  isMainFrame: boolean;
}

/** An IPC message is served only when it comes from our page's main frame. */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url);
}

/**
 * Deny every permission except writing (sanitized) text to the clipboard from our own page:
 * no camera, notifications, geolocation, clipboard reads, HID, serial, open-external…
 */
export function permissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

/** Our renderer is a single page: it never navigates, so every navigation or redirect is refused. */
export function navigationAllowed(_url: string): boolean {
  return false;
}
