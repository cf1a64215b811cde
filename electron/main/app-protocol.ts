// Serves the built renderer at app://portcullis/… (registered in ./main.ts with protocol.handle).
// Why a custom protocol rather than loadFile: file:// pages share one opaque origin with every
// file on disk, so "is this our page?" could not be answered by origin, and a CSP 'self' would
// cover the whole file system. app://portcullis is an origin of its own, only this handler
// serves it, and every response carries our CSP and security headers.
// No `electron` import: plain Node's Response, so it is testable with vitest.
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS, contentTypeFor, rendererCsp, resolveStaticPath } from '../core/static-files';
import { APP_HOST, isAppUrl } from './security';

export async function appProtocolResponse(rendererDir: string, url: string): Promise<Response> {
  if (!isAppUrl(url)) return plain(404, 'not found');
  const { pathname, host } = new URL(url);
  if (host !== APP_HOST) return plain(404, 'not found');
  const file = resolveStaticPath(rendererDir, pathname);
  if (!file) return plain(400, 'bad path');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'not found');
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': rendererCsp(), 'Content-Type': contentTypeFor(file) },
  });
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': "default-src 'none'", 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
