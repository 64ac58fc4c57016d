import { type Language, type ReferenceItem, referenceTaxonomies, SERVICE_BASKET } from '@madar/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../../../app/reference';

type Labelled = { ar: string; fr: string; en?: string };

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return language === 'fr' || language === 'en' ? language : 'ar';
}

/** A label of the interface language (French for English when there is no English one). */
export function labelIn(item: Labelled | undefined, language: Language): string {
  if (!item) return '';
  if (language === 'ar') return item.ar;
  if (language === 'en') return item.en || item.fr;
  return item.fr;
}

const LISTS = {
  stage: referenceTaxonomies.circuit_stages,
  dangerLevel: referenceTaxonomies.danger_levels,
  harmForm: referenceTaxonomies.harm_forms,
  situation: referenceTaxonomies.child_situations,
  closureReason: referenceTaxonomies.closure_reasons,
  source: referenceTaxonomies.report_sources,
  sector: referenceTaxonomies.sectors,
  service: SERVICE_BASKET as readonly ReferenceItem[],
} as const;
export type ListName = keyof typeof LISTS;

const INDEXES = Object.fromEntries(
  Object.entries(LISTS).map(([name, items]) => [name, new Map(items.map((item) => [item.code, item]))]),
) as Record<ListName, Map<string, ReferenceItem>>;

/**
 * Labels of the reference lists (stages, danger levels, harm forms, situations, closure reasons,
 * sources, sectors, services of the basket) in the interface language. An unknown code — a list
 * extended after this release — is shown as it is rather than hidden.
 */
export function useRefLabels() {
  const language = useLanguage();
  return useMemo(
    () => ({
      language,
      label(list: ListName, code: string | null | undefined): string {
        if (!code) return '';
        return labelIn(INDEXES[list].get(code), language) || code;
      },
      options(list: ListName, keep?: (code: string) => boolean): Option[] {
        return LISTS[list]
          .filter((item) => (keep ? keep(item.code) : true))
          .map((item) => ({ value: item.code, label: labelIn(item, language) }));
      },
    }),
    [language],
  );
}

/** Danger levels by colour: grave and imminent danger is red everywhere. */
export const DANGER_COLOR: Record<string, string> = {
  no_danger: 'teal',
  risk: 'yellow',
  danger: 'orange',
  grave_imminent_danger: 'red',
};

export const PLAN_STATUS_COLOR: Record<string, string> = {
  planned: 'gray',
  requested: 'blue',
  in_progress: 'indigo',
  delivered: 'teal',
  not_delivered: 'red',
};

/** A Latin code inside Arabic text (a version such as `default-1`): isolated, so its hyphen stays put. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
