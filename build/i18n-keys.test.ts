// Every t('…') key, <Trans i18nKey> and template key prefix in the renderer's sources exists in the
// English catalog of its namespace (the file's useTranslation('ns'), else its area's folder).
// Node-side, as it reads the sources; the catalogs' parity is checked beside them
// (renderer/src/shell/catalogs.test.ts).
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '../renderer/src');
type Catalog = { [key: string]: string | Catalog };
type Catalogs = Record<string, { en: Catalog }>;

// Loaded at run time, so this project's type check does not follow the renderer's DOM code.
const AREAS_MODULE = '../renderer/src/shell/areas';
const I18N_MODULE = '../renderer/src/ui/i18n';

function flatKeys(catalog: Catalog, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : flatKeys(value, `${prefix}${key}.`)));
}

function sources(dir = RENDERER): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry: Dirent) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|testing\.ts$/.test(entry.name) ? [{ file: path, text: readFileSync(path, 'utf8') }] : [];
  });
}

/** The keys a source file uses, as written (`key` or `ns:key`; a template's prefix ends with '.'). */
export function keysIn(text: string): string[] {
  return [
    ...[...text.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\bt\(\s*`([^`$]+)\$\{/g)].map((m) => m[1]!),
    ...[...text.matchAll(/i18nKey=(?:"([^"]+)"|\{([^}]+)\})/g)].flatMap((m) => (m[1] ? [m[1]] : [...m[2]!.matchAll(/'([\w:]+\.[\w.]+)'/g)].map((q) => q[1]!))),
  ];
}

describe('keys used in the renderer', () => {
  it('finds plain, namespaced, template and <Trans> keys', () => {
    expect(keysIn(`t('a.b'); t('ns:c', { x }); t(\`status.\${s}\`); <Trans i18nKey="d.e" />; <Trans i18nKey={ok ? 'f.g' : 'h.i'} />`)).toEqual(['a.b', 'ns:c', 'status.', 'd.e', 'f.g', 'h.i']);
  });

  it('all exist in the English catalog of their namespace', async () => {
    const { AREAS } = (await import(AREAS_MODULE)) as { AREAS: readonly unknown[] };
    const { loadAllCatalogs } = (await import(I18N_MODULE)) as { loadAllCatalogs: (areas: readonly unknown[]) => Promise<Catalogs> };
    const english = new Map(Object.entries(await loadAllCatalogs(AREAS)).map(([ns, c]) => [ns, new Set(flatKeys(c.en))]));
    const exists = (ns: string, key: string) => {
      const keys = english.get(ns);
      if (!keys) return false;
      if (keys.has(key) || keys.has(`${key}_other`)) return true;
      return key.endsWith('.') && [...keys].some((k) => k.startsWith(key));
    };
    const missing: string[] = [];
    const files = sources();
    expect(files.length).toBeGreaterThan(30);
    for (const { file, text } of files) {
      const own = /useTranslation\('(\w+)'\)/.exec(text)?.[1] ?? relative(RENDERER, file).split('/')[0]!;
      for (const key of keysIn(text)) {
        const [ns, path] = key.includes(':') ? key.split(':') : [own, key];
        if (!exists(ns!, path!)) missing.push(`${relative(RENDERER, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
