// What the catalogs' loading costs the first screen: only its namespaces, only in the active
// language (and English, the fallback); the rest later, the other language when the user switches.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../model/locale';
import type { Area } from '../registry';
import { AREAS } from '../shell/areas';
import { BASE_CATALOGS, firstScreenNamespaces, loadRemainingCatalogs, startI18n } from './i18n';

/** The real areas, their catalog loaders wrapped to record what is loaded (`ns/language`). */
function recording() {
  const loaded: string[] = [];
  const record = (ns: string, loaders: NonNullable<Area['catalogs']>) =>
    Object.fromEntries(LANGUAGES.map((lng) => [lng, () => (loaded.push(`${ns}/${lng}`), loaders[lng]())])) as NonNullable<Area['catalogs']>;
  const areas = AREAS.map((area) => ({ ...area, catalogs: area.catalogs && record(area.name, area.catalogs) }));
  const base = Object.entries(BASE_CATALOGS).map(([name, catalogs]) => ({ name, catalogs: record(name, catalogs), firstScreen: true }));
  // Given as areas, the base catalogs' recorded loaders take the place of their own.
  return { loaded, areas: [...base, ...areas] };
}

const FIRST = ['ui', 'model', 'shell', 'connection', 'hosts', 'terminal'];
const sorted = (xs: string[]) => [...new Set(xs)].sort();

describe('the first screen’s catalogs', () => {
  it('are the base ones and the areas that show at start; capability areas wait', () => {
    expect(sorted(firstScreenNamespaces(AREAS))).toEqual(sorted(FIRST));
  });

  it('in English: only English catalogs, only the first screen’s, before the first render', async () => {
    const { loaded, areas } = recording();
    const instance = await startI18n(i18next.createInstance(), areas, 'en');
    expect(sorted(loaded)).toEqual(sorted(FIRST.map((ns) => `${ns}/en`)));
    expect(instance.t('hosts:filter.placeholder')).toMatch(/^Filter: web/);
  });

  it('in Chinese: the Chinese catalogs and English beside them (the fallback)', async () => {
    const { loaded, areas } = recording();
    await startI18n(i18next.createInstance(), areas, 'zh-CN');
    expect(sorted(loaded)).toEqual(sorted(FIRST.flatMap((ns) => [`${ns}/zh-CN`, `${ns}/en`])));
  });

  it('then the other areas’ in the active language, and the other language on a switch', async () => {
    const { loaded, areas } = recording();
    const instance = await startI18n(i18next.createInstance(), areas, 'en');
    await loadRemainingCatalogs(instance, areas);
    expect(loaded.filter((l) => l.endsWith('/zh-CN'))).toEqual([]);
    expect(instance.t('audit:actions.audit.open')).toBe('Audit log: filter, verify the chain');
    await instance.changeLanguage('zh-CN');
    expect(loaded).toContain('audit/zh-CN');
    expect(instance.t('audit:actions.audit.open')).toMatch(/审计/);
  });
});
