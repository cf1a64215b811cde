// The languages the renderer speaks, and how pure code words things in the active one: it is
// handed a Locale (the language and its translate function) instead of reaching for a global.
import i18next, { type i18n } from 'i18next';

/** Every language with a complete catalog; the first is the fallback. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The user's choice in the settings: a language, or 'auto' (follow the system). */
export type LanguageSetting = Language | 'auto';

/** i18next's t, as pure code needs it: a key (`namespace:key`) and its variables. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface Locale {
  language: Language;
  t: Translate;
}

/**
 * The language to use: the setting, or for 'auto' the first of the system's languages we speak
 * (zh, zh-CN, zh-Hans, zh-SG → Simplified Chinese; other Chinese scripts fall through), else English.
 */
export function resolveLanguage(setting: LanguageSetting | undefined, systemLanguages: readonly string[]): Language {
  if (setting && setting !== 'auto') return setting;
  for (const tag of systemLanguages) {
    const lower = tag.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (/^zh(-(cn|sg|hans)(-.*)?)?$/.test(lower)) return 'zh-CN';
  }
  return 'en';
}

/** The active language of an i18next instance and its t. */
export function localeOf(instance: i18n): Locale {
  return { language: (instance.resolvedLanguage ?? 'en') as Language, t: (key, options) => instance.t(key, options) as string };
}

/** The app's instance's Locale (ui/i18n initialises it), read when needed: lines written into terminals. */
export const appLocale = (): Locale => localeOf(i18next);
