// Type-checks each environment with its own globals (see docs/ARCHITECTURE.md):
// pure shared code sees neither DOM nor Node, the renderer sees only the DOM, the rest only Node.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const projects = ['shared', 'shared/node', 'gateway', 'electron', 'renderer', '.'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// Electron's package is optional (its binary cannot be downloaded everywhere); its types come with it.
if (existsSync('node_modules/electron/electron.d.ts')) projects.push('electron/main');
else if (process.env.CI) {
  console.error('electron is not installed, so electron/main cannot be type-checked: install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci');
  process.exit(1);
} else console.warn('note: electron is not installed; skipping the type check of electron/main and electron/preload');

let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`type check failed in ${project}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
