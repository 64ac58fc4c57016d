import { type Language, type ReferenceItem, referenceTaxonomies } from '@madar/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../../app/reference';

/** The reference lists the intake and caseload screens show (codes in the data, labels on screen). */
export type TaxonomyName =
  | 'report_sources'
  | 'harm_forms'
  | 'child_situations'
  | 'circuit_stages'
  | 'danger_levels'
  | 'closure_reasons';

function labelIn(item: ReferenceItem, language: Language): string {
  if (language === 'ar') return item.ar;
  if (language === 'en') return item.en || item.fr;
  return item.fr;
}

const indexes = new Map<TaxonomyName, Map<string, ReferenceItem>>();
function indexOf(name: TaxonomyName): Map<string, ReferenceItem> {
  let index = indexes.get(name);
  if (!index) {
    index = new Map(referenceTaxonomies[name].map((item) => [item.code, item]));
    indexes.set(name, index);
  }
  return index;
}

/** Labels and options of the reference lists, in the interface language. */
export function useTaxonomy() {
  const { i18n } = useTranslation();
  const language = (i18n.language as Language) || 'ar';
  return useMemo(
    () => ({
      /** The label of a code; an unknown code (a list extended later) is shown as is. */
      label(name: TaxonomyName, code: string | null | undefined): string {
        if (!code) return '';
        const item = indexOf(name).get(code);
        return item ? labelIn(item, language) : code;
      },
      options(name: TaxonomyName, exclude: readonly string[] = []): Option[] {
        return referenceTaxonomies[name]
          .filter((item) => !exclude.includes(item.code))
          .map((item) => ({ value: item.code, label: labelIn(item, language) }));
      },
    }),
    [language],
  );
}

/** Colours of the danger levels: grave and imminent danger is red everywhere. */
export const DANGER_COLORS: Record<string, string> = {
  no_danger: 'teal',
  risk: 'yellow',
  danger: 'orange',
  grave_imminent_danger: 'red',
};
