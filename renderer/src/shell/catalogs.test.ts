// Every area's catalogs, checked against each other (the keys the code uses: build/i18n-keys.test.ts).
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../model/locale';
import type { Catalog } from '../registry';
import { loadAllCatalogs } from '../ui';
import { ACTIONS, AREAS } from './areas';

const CATALOGS = await loadAllCatalogs(AREAS);
const PLURAL = /_(zero|one|two|few|many|other)$/;

export function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** Per message (plural forms joined): its interpolation variables and markup tags, and its plural forms. */
function shape(catalog: Catalog) {
  const messages = new Map<string, { vars: Set<string>; forms: Set<string> }>();
  for (const [key, text] of flatten(catalog)) {
    const base = key.replace(PLURAL, '');
    const entry = messages.get(base) ?? { vars: new Set(), forms: new Set() };
    for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)>/g)) entry.vars.add(m[1] ?? `<${m[2]}>`);
    if (base !== key) entry.forms.add(key.slice(base.length + 1));
    messages.set(base, entry);
  }
  return messages;
}

const sorted = (set: Set<string>) => [...set].sort();

describe.each(Object.keys(CATALOGS))('catalogs of %s', (ns) => {
  const [en, zh] = LANGUAGES.map((lng) => shape(CATALOGS[ns]![lng]));
  it('have the same messages in every language', () => {
    expect(sorted(new Set(zh!.keys()))).toEqual(sorted(new Set(en!.keys())));
  });
  it('use the same variables and markup in every language', () => {
    for (const [key, { vars }] of en!) expect(sorted(zh!.get(key)?.vars ?? new Set()), key).toEqual(sorted(vars));
  });
  it('give each plural exactly the forms its language has', () => {
    for (const [lng, messages] of [['en', en], ['zh-CN', zh]] as Array<[Language, typeof en]>) {
      const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      const plurals = [...messages!].filter(([key]) => (en!.get(key)?.forms.size ?? 0) > 0 || (zh!.get(key)?.forms.size ?? 0) > 0);
      for (const [key, { forms }] of plurals) expect(sorted(forms), `${lng} ${key}`).toEqual([...categories].sort());
    }
  });
});

describe('counts', () => {
  it('are plurals wherever a message says {{count}} ("1 pane", "2 panes"); other numbers have other names', () => {
    for (const [ns, catalogs] of Object.entries(CATALOGS)) {
      const en = shape(catalogs.en);
      for (const [key, { vars, forms }] of en) if (vars.has('count')) expect(forms.size, `${ns}:${key}`).toBeGreaterThan(0);
    }
  });
});

describe('action titles', () => {
  it('exist for every action and shortcut note', () => {
    for (const action of ACTIONS) {
      for (const key of [action.title, action.shortcutNote].filter((k): k is string => !!k)) {
        const [ns, path] = key.split(':');
        const english = flatten(CATALOGS[ns!]?.en ?? {});
        expect(english.has(path!), `${action.id}: ${key}`).toBe(true);
      }
    }
  });
});
