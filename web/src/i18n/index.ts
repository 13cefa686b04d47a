// The UI speaks Simplified Chinese and English. The first visit follows the browser's language; the switch in
// the header remembers the choice in localStorage.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { messagesEn, messagesZh } from './messages';

export const LANGUAGES = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

/** Any Chinese variant maps to zh-CN, anything else to English. */
export function normaliseLanguage(language: string | undefined): Language {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: messagesEn }, 'zh-CN': { translation: messagesZh } },
    supportedLngs: ['zh-CN', 'en'],
    fallbackLng: 'en',
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'faceclock.language',
      caches: ['localStorage'],
      convertDetectedLanguage: normaliseLanguage,
    },
  });

export function currentLanguage(): Language {
  return normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** Translates a key built at run time (an audit action, an import problem code), falling back to the raw text. */
export function translateDynamic(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18n.exists(key)
    ? (i18n.t as (k: string, o?: Record<string, unknown>) => string)(key, options)
    : fallback;
}

export default i18n;
