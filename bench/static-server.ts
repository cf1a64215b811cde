// Serves the built renderer (dist/renderer) on 127.0.0.1 for benchmarks and screenshots with a
// fake main side. Only GET of files under the root, plus any fixed `extra` bodies by path.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export async function serveStatic(
  root = resolve('dist/renderer'),
  extra: Record<string, { type: string; body: string }> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const fixed = Object.hasOwn(extra, path) ? extra[path] : undefined;
    if (fixed) return void res.writeHead(200, { 'content-type': fixed.type }).end(fixed.body);
    const file = join(root, path || 'index.html');
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    // Built assets have content-hashed names: cacheable, so Chromium keeps V8's code cache for them
    // as it does for an installed app's files (Electron's app:// with the codeCache privilege).
    const caching = path.startsWith('assets/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : {};
    readFile(file)
      .then((body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...caching }).end(body))
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}
