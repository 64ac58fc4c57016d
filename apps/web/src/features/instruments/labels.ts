import { type Language, referenceTaxonomies } from '@madar/domain';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';

/** Anything labelled in the three languages (instrument entries, reference items). */
export interface Labelled {
  ar: string;
  fr: string;
  en: string;
}

export function labelIn(item: Labelled | undefined, language: Language): string {
  if (!item) return '';
  if (language === 'ar') return item.ar;
  if (language === 'en') return item.en || item.fr;
  return item.fr;
}

/** The interface language, re-rendering when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'ar' || i18n.language === 'fr' || i18n.language === 'en'
    ? i18n.language
    : currentLanguage();
}

const dangerLevels = new Map(referenceTaxonomies.danger_levels.map((l) => [l.code, l]));

/** The name of a danger level from the reference list (taxonomies.json `danger_levels`). */
export function dangerLevelLabel(level: string, language: Language): string {
  return labelIn(dangerLevels.get(level), language) || level;
}

/** Colours of the danger levels: grave and imminent danger is red everywhere. */
export const DANGER_COLORS: Record<string, string> = {
  no_danger: 'teal',
  risk: 'yellow',
  danger: 'orange',
  grave_imminent_danger: 'red',
};
