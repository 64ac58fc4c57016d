import { type Language, type PublicReference, type ReferenceItem, referenceTaxonomies } from '@madar/domain';
import { useMemo } from 'react';

type Named = { code: string; nameAr: string; nameFr: string };

/** English labels of sectors and services come from the reference taxonomies; the API has ar and fr. */
const english = new Map<string, string>();
for (const item of [
  ...referenceTaxonomies.sectors,
  ...((referenceTaxonomies.service_basket as ReferenceItem[] | undefined) ?? []),
]) {
  if (item.en) english.set(item.code, item.en);
}

export function labelOf(item: Named | undefined, language: Language): string {
  if (!item) return '';
  if (language === 'ar') return item.nameAr;
  if (language === 'en') return english.get(item.code) ?? item.nameFr;
  return item.nameFr;
}

export interface DirectoryLabels {
  territory: (code: string) => string;
  sector: (code: string) => string;
  service: (code: string) => string;
}

/** Code → label lookups for the cards, in the interface language. */
export function useDirectoryLabels(reference: PublicReference | undefined, language: Language) {
  return useMemo<DirectoryLabels>(() => {
    const index = (items: Named[] | undefined) => new Map((items ?? []).map((i) => [i.code, i]));
    const territories = index(reference?.territories);
    const sectors = index(reference?.sectors);
    const services = index(reference?.services);
    return {
      territory: (code) => labelOf(territories.get(code), language) || code,
      sector: (code) => labelOf(sectors.get(code), language) || code,
      service: (code) => labelOf(services.get(code), language) || code,
    };
  }, [reference, language]);
}
