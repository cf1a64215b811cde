import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { contentTypeFor, rendererCsp, resolveStaticPath } from './static-files';

const root = resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps paths under the root, with index.html for directories', () => {
    expect(resolveStaticPath(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app-1.js')).toBe(join(root, 'assets/app-1.js'));
    expect(resolveStaticPath(root, '/assets/')).toBe(join(root, 'assets/index.html'));
    expect(resolveStaticPath(root, '/a%20b.txt')).toBe(join(root, 'a b.txt'));
  });

  it('refuses traversal in every spelling', () => {
    for (const path of ['/../etc/passwd', '/assets/../../x', '/%2e%2e/etc/passwd', '/%2E%2E%2Fetc', '/..%2f..%2fetc', '/a/./b', '/..\\x', '/%5c..%5cx', '/x%00.js', '/%E0%A4%A', 'relative']) {
      expect(resolveStaticPath(root, path), path).toBeNull();
    }
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer assets and falls back to opaque bytes', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('f.woff2')).toBe('font/woff2');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

describe('rendererCsp', () => {
  it('is strict and adds connect sources', () => {
    expect(rendererCsp(['ws://127.0.0.1:5000'])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:5000; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(rendererCsp()).toContain("connect-src 'self';");
  });
});
