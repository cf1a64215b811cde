// The packaging config cannot be exercised here (electron-builder downloads Electron), so check
// that it parses and names what packaging relies on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// js-yaml comes with electron-builder (app-builder-lib), which reads this file with it.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  files: string[];
  asarUnpack: string[];
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

describe('electron-builder config', () => {
  const config = yaml.load(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as BuilderConfig;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    main: string;
    optionalDependencies?: Record<string, string>;
    dependencies: Record<string, string>;
  };

  it('names the app and pins the Electron version', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Portcullis');
    expect(config.electronVersion).toMatch(/^41\.\d+\.\d+$/);
    // Same major as the package that provides the types.
    expect(pkg.optionalDependencies?.electron).toMatch(/^\^?41\./);
  });

  it('ships the bundles, the renderer and package.json, whose main is the bundled main', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('unpacks native modules from the asar', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.asarUnpack).toContain('node_modules/ssh2/**');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('targets Linux, macOS and Windows installers', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });
});
