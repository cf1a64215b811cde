// Bundles the Electron shell: electron/main → dist/electron/main.cjs, electron/preload →
// dist/electron/preload.cjs. CommonJS because Electron loads a sandboxed preload only as a
// plain script, and a CJS main needs no ESM loader hooks inside app.asar.
//   main:    `electron` and every runtime dependency stay external: electron-builder ships them in
//            node_modules, and some carry native code (ssh2's crypto binding, cpu-features,
//            better-sqlite3) or load files at run time (pino's workers) that a bundle would break.
//   preload: everything bundled but `electron`: a sandboxed preload can require nothing else.
import { build, type BuildOptions } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const runtimeDependencies = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 41's Node
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** `outDir` is relative to the repository root; the renderer is expected at `outDir/../renderer`. */
export async function bundleElectron(outDir = 'dist/electron'): Promise<void> {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: `${outDir}/main.cjs`,
      external: ['electron', ...runtimeDependencies],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: `${outDir}/preload.cjs`,
      platform: 'browser', // runs in the renderer's sandbox: no Node built-ins to lean on
      minify: true, // zod is most of it; the preload is parsed on every page load
      external: ['electron'],
    }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleElectron();
  console.log('bundled dist/electron/main.cjs and dist/electron/preload.cjs');
}
