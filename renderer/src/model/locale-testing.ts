// Tests' Locale for the pure wording: the 'model' catalog (and any others given) in one language.
import i18next from 'i18next';
import type { Language, Locale } from './locale';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

type Catalogs = Record<string, Record<Language, object>>;

export function testLocale(language: Language, more: Catalogs = {}): Locale {
  const all: Catalogs = { model: { en, 'zh-CN': zhCN }, ...more };
  const resources = { [language]: Object.fromEntries(Object.entries(all).map(([ns, c]) => [ns, c[language]])) };
  const instance = i18next.createInstance();
  void instance.init({ lng: language, resources, initAsync: false, interpolation: { escapeValue: false } });
  return { language, t: (key, options) => instance.t(key, options) as string };
}
