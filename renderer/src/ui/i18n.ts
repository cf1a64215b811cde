// The renderer's messages: one i18next instance, fed with every area's catalogs (their namespace
// is the area's name) plus the shared kit's ('ui') and the pure wording's ('model'). English is
// the fallback, so a missing Chinese message shows in English rather than as a key.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../model/locale';
import modelEn from '../model/locales/en.json';
import modelZh from '../model/locales/zh-CN.json';
import type { Area, Catalog } from '../registry';
import uiEn from './locales/en.json';
import uiZh from './locales/zh-CN.json';

/** The catalogs below every area, by namespace. */
export const BASE_CATALOGS: Record<string, Record<Language, Catalog>> = {
  ui: { en: uiEn, 'zh-CN': uiZh },
  model: { en: modelEn, 'zh-CN': modelZh },
};

/** Every namespace's catalogs: the base ones and each registered area's. */
export function allCatalogs(areas: readonly Pick<Area, 'name' | 'catalogs'>[]): Record<string, Record<Language, Catalog>> {
  const all = { ...BASE_CATALOGS };
  for (const area of areas) if (area.catalogs) all[area.name] = area.catalogs;
  return all;
}

function resources(areas: readonly Pick<Area, 'name' | 'catalogs'>[]) {
  const byLanguage: Record<string, Record<string, Catalog>> = {};
  for (const [ns, catalogs] of Object.entries(allCatalogs(areas))) {
    for (const lng of LANGUAGES) (byLanguage[lng] ??= {})[ns] = catalogs[lng];
  }
  return byLanguage;
}

const OPTIONS = {
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  defaultNS: 'ui',
  // React escapes what it renders, and terminal lines are sanitised where they are written.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
} as const;

/** A standalone instance (tests, the README's shortcut table). */
export function createI18n(areas: readonly Pick<Area, 'name' | 'catalogs'>[], language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({ ...OPTIONS, lng: language, resources: resources(areas) });
  return instance;
}

/** The app's instance, also behind react-i18next's useTranslation. */
export function initAppI18n(areas: readonly Pick<Area, 'name' | 'catalogs'>[], language: Language): i18n {
  void i18next.use(initReactI18next).init({ ...OPTIONS, lng: language, resources: resources(areas) });
  return i18next;
}
