import { PROTOCOL_STAGES, type ReferenceItem, referenceTaxonomies, SERVICE_BASKET } from '@madar/domain';
import { useMemo } from 'react';
import type { Option, OptionGroup } from '../../app/reference';
import { useReferenceNames, useSectorOptions } from '../../app/reference';
import { labelIn, useLanguage } from '../instruments/labels';

const index = (items: readonly ReferenceItem[]) => new Map(items.map((i) => [i.code, i]));
const STAGES = index(referenceTaxonomies.circuit_stages);
const HARM_FORMS = index(referenceTaxonomies.harm_forms);
const SITUATIONS = index(referenceTaxonomies.child_situations);
const SERVICES = index(SERVICE_BASKET);

/** Labels and options of what a protocol rule names (codes in the data, words on screen). */
export function useProtocolLabels() {
  const language = useLanguage();
  const names = useReferenceNames();
  const sectorOptions = useSectorOptions();
  return useMemo(() => {
    const label = (map: Map<string, ReferenceItem>, code: string | null) =>
      code ? labelIn(map.get(code), language) || code : '';
    const options = (items: readonly ReferenceItem[]): Option[] =>
      items.map((i) => ({ value: i.code, label: labelIn(i, language) }));
    return {
      stage: (code: string) => label(STAGES, code),
      harmForm: (code: string | null) => label(HARM_FORMS, code),
      situation: (code: string | null) => label(SITUATIONS, code),
      service: (code: string) => label(SERVICES, code),
      sector: (code: string) => names.sector(code),
      stageOptions: PROTOCOL_STAGES.map((s) => ({ value: s, label: label(STAGES, s) })) as Option[],
      harmFormOptions: options(referenceTaxonomies.harm_forms),
      situationOptions: options(referenceTaxonomies.child_situations),
      sectorOptions,
      /** The basket of services, grouped by the stage it belongs to. */
      serviceOptions: PROTOCOL_STAGES.map(
        (stage): OptionGroup => ({
          group: label(STAGES, stage),
          items: options(SERVICE_BASKET.filter((s) => s.stage === stage)),
        }),
      ).filter((g) => g.items.length > 0),
      /** The sector the basket names for a service (the default of a new rule). */
      serviceSector: (code: string) => SERVICE_BASKET.find((s) => s.code === code)?.sector ?? null,
    };
  }, [language, names, sectorOptions]);
}

export type ProtocolLabels = ReturnType<typeof useProtocolLabels>;
