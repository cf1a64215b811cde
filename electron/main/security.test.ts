import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, isTrustedSender, navigationAllowed, permissionAllowed } from './security';

describe('Electron shell security checks', () => {
  it('recognises only our app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://portcullis/assets/x.js?y#z')).toBe(true);
    for (const url of ['app://portcullis.evil/', 'app://evil/', 'app://x@portcullis/', 'app://portcullis:81/', 'file:///index.html', 'http://portcullis/', 'https://127.0.0.1/', 'about:blank', '', 'not a url', null, undefined]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('serves IPC only to our main frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false); // an iframe
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('allows only sanitized clipboard writes from our origin', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'app://portcullis')).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'hid', 'serial', 'fullscreen']) {
      expect(permissionAllowed(permission, APP_ENTRY_URL), permission).toBe(false);
    }
  });

  it('allows no navigation', () => {
    expect(navigationAllowed('https://example.com/')).toBe(false);
    expect(navigationAllowed(APP_ENTRY_URL)).toBe(false);
  });
});
