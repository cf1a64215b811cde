// The renderer's messages: one i18next instance; each area's catalogs are its namespace (the area's
// name), plus the shared kit's ('ui') and the pure wording's ('model'). English is the fallback, so
// a missing Chinese message shows in English rather than as a key.
//
// Catalogs are chunks of their own, loaded per language and namespace: the first render waits only
// for the first screen's namespaces in the active language (and English, the fallback); the other
// areas' catalogs follow once the first screen is up, or when one of their components first asks;
// the other language's when the user switches to it.
import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../model/locale';
import type { Area, Catalog, CatalogLoaders } from '../registry';

/** The catalogs below every area, by namespace; the first screen needs both. */
export const BASE_CATALOGS: Record<string, CatalogLoaders> = {
  ui: { en: () => import('./locales/en.json'), 'zh-CN': () => import('./locales/zh-CN.json') },
  model: { en: () => import('../model/locales/en.json'), 'zh-CN': () => import('../model/locales/zh-CN.json') },
};

/** Catalogs of no area that the first screen does not need: they load with the other areas' (the `errors` words). */
export const LATER_CATALOGS: Record<string, CatalogLoaders> = {
  errors: { en: () => import('./locales/errors/en.json'), 'zh-CN': () => import('./locales/errors/zh-CN.json') },
};

type Areas = readonly Pick<Area, 'name' | 'catalogs' | 'firstScreen'>[];

/** Every namespace's catalog loaders: the base and later ones, and each registered area's. */
export function catalogLoaders(areas: Areas): Record<string, CatalogLoaders> {
  const all = { ...BASE_CATALOGS, ...LATER_CATALOGS };
  for (const area of areas) if (area.catalogs) all[area.name] = area.catalogs;
  return all;
}

/** The namespaces the first render waits for: the base ones and the first screen's areas'. */
export function firstScreenNamespaces(areas: Areas): string[] {
  return [...Object.keys(BASE_CATALOGS), ...areas.filter((area) => area.firstScreen && area.catalogs).map((area) => area.name)];
}

/** Every catalog, loaded (tests and build tools that check or print them). */
export async function loadAllCatalogs(areas: Areas): Promise<Record<string, Record<Language, Catalog>>> {
  const entries = Object.entries(catalogLoaders(areas)).map(async ([ns, loaders]) => {
    const [en, zh] = await Promise.all(LANGUAGES.map(async (lng) => (await loaders[lng]()).default));
    return [ns, { en: en!, 'zh-CN': zh! }] as const;
  });
  return Object.fromEntries(await Promise.all(entries));
}

/** An i18next backend that imports a namespace's catalog chunk for a language, when i18next asks. */
export function catalogBackend(areas: Areas): BackendModule {
  const loaders = catalogLoaders(areas);
  return {
    type: 'backend',
    init: () => {},
    read: (language, namespace, callback) => {
      const load = loaders[namespace]?.[language as Language];
      if (!load) return callback(new Error(`no catalog for ${namespace} in ${language}`), null);
      load().then(
        (module) => callback(null, module.default),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
      );
    },
  };
}

const OPTIONS = {
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  defaultNS: 'ui',
  // React escapes what it renders, and terminal lines are sanitised where they are written.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Ask the backend at once, not on the next timer tick.
  initAsync: false,
  // A catalog that arrives after a component rendered (a key written `area:key`) re-renders it.
  react: { bindI18n: 'languageChanged loaded' },
} as const;

/** A standalone instance with every catalog loaded (tests, the README's shortcut table). */
export async function createI18n(areas: Areas, language: Language): Promise<i18n> {
  const instance = i18next.createInstance().use(catalogBackend(areas));
  await instance.init({ ...OPTIONS, lng: language, ns: Object.keys(catalogLoaders(areas)) });
  return instance;
}

/** Sets an instance up for the app; resolves once the first screen's catalogs are in. */
export async function startI18n(instance: i18n, areas: Areas, language: Language): Promise<i18n> {
  await instance.use(catalogBackend(areas)).init({ ...OPTIONS, lng: language, ns: firstScreenNamespaces(areas) });
  return instance;
}

/** The app's instance, also behind react-i18next's useTranslation. */
export function initAppI18n(areas: Areas, language: Language): Promise<i18n> {
  return startI18n(i18next.use(initReactI18next), areas, language);
}

/** Loads the other areas' catalogs in the active language (once the first screen is up). */
export function loadRemainingCatalogs(instance: i18n, areas: Areas): Promise<void> {
  return instance.loadNamespaces(Object.keys(catalogLoaders(areas)));
}
