import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { pickLocale, type Locale, type LocalizedText } from '../../../engine/core/common/localized';
import { setApiLocale } from '../api/http-client';
import { enMessages } from './en.messages';
import { zhMessages } from './zh-CN.messages';

export const LOCALE_STORAGE_KEY = 'allot.locale';

/** zh-CN when the browser asks for Chinese (or anything but English); the user's own choice wins. */
export function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LOCALE_STORAGE_KEY) : null;
  if (saved === 'zh-CN' || saved === 'en') return saved;
  const langs = typeof navigator !== 'undefined' ? (navigator.languages?.length ? navigator.languages : [navigator.language]) : [];
  return pickLocale(langs.join(','));
}

export function initI18n(locale: Locale = initialLocale()): typeof i18next {
  setApiLocale(locale);
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhMessages }, en: { translation: enMessages } },
      lng: locale,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return i18next;
}

export async function changeLocale(locale: Locale): Promise<void> {
  setApiLocale(locale);
  localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

/** The UI language, re-rendering on change. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Text in both languages → the current one. */
export function pick(value: LocalizedText | undefined, locale: Locale): string {
  if (!value) return '';
  return value[locale] || value[locale === 'en' ? 'zh-CN' : 'en'] || '';
}
