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
    const { mkdtempSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync((await import('node:os')).tmpdir() + '/portcullis-plain-');
    const store = core.openClientStore(dir);
    store.getSettings();
    store.close();
    rmSync(dir, { recursive: true });
    const sshConfig = await import('./electron/core/profiles/ssh-config-import.ts');
    if (sshConfig.profilesFromSshConfig('Host gw\\n  HostName gw.example\\n', '/home/x', []).profiles.length !== 1) throw new Error('ssh-config');
    console.log(typeof core.createClientService, typeof shell.startBrowserShell);`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  expect(result.stderr).toBe('');
  expect(result.stdout.trim()).toBe('function function');
});
