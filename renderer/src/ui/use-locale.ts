import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf, type Locale } from '../model/locale';

/** The active language and its t for pure wording (model/), renewed when the language changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  // A new Locale when the language changes, so what depends on it words itself again.
  return useMemo(() => localeOf(i18n), [i18n, language]);
}
