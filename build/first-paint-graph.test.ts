// What the first paint loads: the entry (renderer/src/main.tsx) and the app it preloads (start.tsx),
// with everything they import statically (Vite puts exactly that in the chunks the first paint
// waits for; `import()` makes a chunk of its own). Catalogs come per language through i18next
// (renderer/src/ui/i18n.ts), and a capability area brings only its registration to the first
// paint: its dialogs, views, stores and libraries load with its lazy chunk.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const ruleFile = './dependency-rule.mjs'; // through a variable: the config is plain JavaScript, without types
const { options } = ((await import(ruleFile)) as { default: { options: ICruiseOptions } }).default;
const ROOTS = ['renderer/src/main.tsx', 'renderer/src/start.tsx'];

/** The areas that are not on the first screen (renderer/src/shell/areas.ts: no `firstScreen`). */
const CAPABILITY_AREAS = ['batch', 'files', 'live', 'audit', 'review', 'metrics', 'access', 'inventory', 'rules', 'directory'];
/** What a capability area may put on the first paint: its registration, and what runs from the start. */
const REGISTRATION = /^(index|area|actions|lazy)\.tsx?$|^(ask|choose|live-store|use-access-live|review-store|wording|part)\.ts$/;
/**
 * The only modules of ours on the first paint that build zod schemas (zod 4 builds each as its
 * module loads): the host list's, which the renderer decodes. A constant or helper the first screen
 * needs from a schema module lives in a zod-free module beside it.
 */
const FIRST_PAINT_SCHEMA_MODULES = ['shared/contract/host-table.ts', 'shared/contract/host-table-head.ts', 'shared/contract/inventory.ts', 'renderer/src/zod-csp.ts' /* configures zod, builds none */];
/** The packages the first screen needs; anything else (echarts, xterm.js and its addons…) loads later. */
const FIRST_SCREEN_PACKAGES = ['react', 'react-dom', 'scheduler', 'react-i18next', 'i18next', 'html-parse-stringify', 'void-elements', 'use-sync-external-store', 'zod', 'react-resizable-panels', '@tanstack/react-virtual', '@tanstack/virtual-core'];

/** Every module reachable from the roots through static imports (type-only imports left out: they vanish in the build). */
async function firstPaintModules(): Promise<Set<string>> {
  const { output } = await cruise(ROOTS, { ...options, baseDir: repo, tsPreCompilationDeps: false });
  const modules = new Map((output as ICruiseResult).modules.map((m) => [m.source, m]));
  const seen = new Set<string>();
  const visit = (source: string) => {
    if (seen.has(source)) return;
    seen.add(source);
    for (const dep of modules.get(source)?.dependencies ?? []) if (!dep.dynamic && dep.resolved) visit(dep.resolved);
  };
  ROOTS.forEach(visit);
  return seen;
}

const packageOf = (path: string) => /^node_modules\/((@[^/]+\/)?[^/]+)\//.exec(path)?.[1];

describe('the first paint’s modules', async () => {
  const modules = await firstPaintModules();

  it('are found through the real import graph (the hosts tree is in, a lazy dialog is not)', () => {
    expect(modules).toContain('renderer/src/hosts/HostsPanel.tsx');
    expect(modules).not.toContain('renderer/src/connection/ProfilesDialog.tsx');
  });

  it('hold no catalog: each loads in its own chunk, in the active language only', () => {
    expect([...modules].filter((path) => /\/locales\/[^/]+\.json$/.test(path))).toEqual([]);
  });

  it('hold only the registration of a capability area (no dialog, view or store of its own)', () => {
    const extra = [...modules].filter((path) => {
      const [, area, file] = /^renderer\/src\/([^/]+)\/(.+)$/.exec(path) ?? [];
      return area && CAPABILITY_AREAS.includes(area) && !REGISTRATION.test(file!.split('/').at(-1)!); // rules/: one area a folder
    });
    expect(extra).toEqual([]);
  });

  it('use only the packages the first screen needs', () => {
    const packages = new Set([...modules].flatMap((path) => packageOf(path) ?? []));
    expect([...packages].filter((name) => !FIRST_SCREEN_PACKAGES.includes(name))).toEqual([]);
  });

  it('build only the host list’s zod schemas', () => {
    const schemaModules = [...modules].filter((path) => !path.startsWith('node_modules/') && /from 'zod'/.test(readFileSync(resolve(repo, path), 'utf8')));
    expect(schemaModules.sort()).toEqual([...FIRST_PAINT_SCHEMA_MODULES].sort());
  });
});
