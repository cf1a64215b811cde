// Builds the renderer into dist/renderer. `base: './'` keeps every asset URL relative, so the same
// build loads from app:// (or file://) in Electron and from http://127.0.0.1:PORT/ in the browser shell.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The entry (main.tsx) asks for the host list, then imports the app (start.tsx) dynamically. Vite
 * fetches a dynamic chunk only when import() runs; a modulepreload link lets the browser fetch
 * and compile it alongside the entry instead of after it.
 */
function preloadAppChunk(): Plugin {
  return {
    name: 'portcullis-preload-app-chunk',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const start = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/start.tsx'));
        if (!start || start.type !== 'chunk') return [];
        const entries = new Set(Object.values(ctx.bundle ?? {}).flatMap((c) => (c.type === 'chunk' && c.isEntry ? [c.fileName] : [])));
        return [start.fileName, ...start.imports.filter((file) => !entries.has(file))].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [preloadAppChunk()],
  // Vite 8's built-in oxc transform compiles TSX; React 19's automatic runtime needs no React import.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Everything as files: the CSP allows no inline script and no data: script.
    assetsInlineLimit: 0,
    // Loaded from disk or loopback, never over a network: one bundle (React, xterm.js, zod) is fine.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    host: '127.0.0.1',
    // The renderer imports pure code from shared/ at the repository root.
    fs: { allow: [repoRoot] },
  },
});
