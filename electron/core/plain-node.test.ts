// vitest transforms imports, which hides a real Node ESM pitfall: CommonJS packages such as ssh2
// expose no named exports to `import { X } from`. Load the public entry points in a plain Node
// process (tsx only strips types), as the lab and the browser shell run them.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

it('electron/core and electron/browser-shell load in plain Node', () => {
  const script = `
    const core = await import('./electron/core/index.ts');
    const shell = await import('./electron/browser-shell/index.ts');
    core.parsePinnedKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDgVe6aT4u7VFXGyyT2bx8x1Wd1BNbwG8tntDa5eSE7o');
    console.log(typeof core.createClientService, typeof shell.startBrowserShell);`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  expect(result.stderr).toBe('');
  expect(result.stdout.trim()).toBe('function function');
});
