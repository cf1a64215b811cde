// Finds Electron's binary when it is installed. Its package is optional: where the binary could not
// be downloaded the package is absent, or present but throws "Electron failed to install correctly".
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
