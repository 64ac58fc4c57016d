import { DEFAULT_LANGUAGE, directionOf, isLanguage, type Language } from '@madar/domain';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import en from './en.json';
import fr from './fr.json';

const STORAGE_KEY = 'madar.language';

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

function applyToDocument(language: Language): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = directionOf(language);
}

export const i18n = i18next.createInstance();

type Messages = Record<string, unknown>;

/**
 * Each feature may keep its own strings in `features/<feature>/i18n/<lang>.json`, under a top-level
 * key of its own; they are merged into the app's translations so features do not share one file.
 */
const featureBundles = import.meta.glob<Messages>('../features/*/i18n/*.json', {
  eager: true,
  import: 'default',
});

function withFeatures(language: Language, base: Messages): Messages {
  const merged: Messages = { ...base };
  for (const [file, messages] of Object.entries(featureBundles)) {
    if (file.endsWith(`/${language}.json`)) Object.assign(merged, messages);
  }
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: {
    ar: { translation: withFeatures('ar', ar) },
    fr: { translation: withFeatures('fr', fr) },
    en: { translation: withFeatures('en', en) },
  },
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['ar', 'fr', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

applyToDocument(currentLanguage());
i18n.on('languageChanged', (lng) => {
  if (isLanguage(lng)) applyToDocument(lng);
});
