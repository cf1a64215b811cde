// Builds the renderer into dist/renderer. `base: './'` keeps every asset URL relative, so the same
// build loads from app:// (or file://) in Electron and from http://127.0.0.1:PORT/ in the browser shell.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
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
    // The renderer imports pure code from ../shared.
    fs: { allow: [repoRoot] },
  },
});
