import type { TFunction } from 'i18next';

export function sexLabel(t: TFunction, sex: string): string {
  return t(`children.sex.${sex}`, { defaultValue: sex });
}

export function ageBandLabel(t: TFunction, band: string | null | undefined): string {
  return band ? t(`children.ageBand.${band}`, { defaultValue: band }) : t('children.ageUnknown');
}

/** A child's code as written in lists: e.g. TNG-2026-00042 (pseudonymous, never a name). */
export const CHILD_CODE_PATTERN = /^[A-Z]{2,4}-\d{4}-\d{1,6}$/i;
