import { type ReferenceItem, referenceTaxonomies, SERVICE_BASKET } from '@madar/domain';
import { useMemo } from 'react';
import type { OptionGroup } from '../../app/reference';
import { useReferenceNames } from '../../app/reference';
import type { DirectoryLabels } from '../directory/labels';
import { labelIn, useLanguage } from '../instruments/labels';

const SERVICES = new Map(SERVICE_BASKET.map((s) => [s.code, s]));
const STAGES = new Map(referenceTaxonomies.circuit_stages.map((s) => [s.code, s]));
/** The stages of the circuit in their order, as the basket lists its services. */
const STAGE_ORDER = referenceTaxonomies.circuit_stages.map((s) => s.code);

/**
 * Labels of the basket of services (سلة الخدمات) in the interface language, and the basket as
 * options grouped by the stage of the circuit each service belongs to.
 */
export function useServiceLabels() {
  const language = useLanguage();
  return useMemo(() => {
    const service = (code: string) => labelIn(SERVICES.get(code), language) || code;
    const stage = (code: string) => labelIn(STAGES.get(code) as ReferenceItem | undefined, language) || code;
    const options: OptionGroup[] = STAGE_ORDER.map((code) => ({
      group: stage(code),
      items: SERVICE_BASKET.filter((s) => s.stage === code).map((s) => ({
        value: s.code,
        label: labelIn(s, language),
      })),
    })).filter((g) => g.items.length > 0);
    return {
      language,
      service,
      stage,
      /** The sector the basket assigns to a service. */
      sectorOf: (code: string) => SERVICES.get(code)?.sector ?? null,
      stageOf: (code: string) => SERVICES.get(code)?.stage ?? null,
      stageOrder: STAGE_ORDER,
      options,
    };
  }, [language]);
}

/** The public directory's card labels, from the signed-in reference data: one card for both directories. */
export function useCardLabels(): DirectoryLabels {
  const names = useReferenceNames();
  const services = useServiceLabels();
  return useMemo(
    () => ({
      territory: (code: string) => names.territory(code),
      sector: (code: string) => names.sector(code),
      service: (code: string) => services.service(code),
    }),
    [names, services],
  );
}
