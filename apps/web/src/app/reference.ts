import { type Language, ROLES, type Role } from '@madar/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { nameIn, useReference } from './queries';

export interface Option {
  value: string;
  label: string;
}
export interface OptionGroup {
  group: string;
  items: Option[];
}

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return (i18n.language as Language) ?? currentLanguage();
}

/** Prefectures and provinces grouped by region, named in the interface language. */
export function useTerritoryOptions(restrictTo?: string | null): OptionGroup[] {
  const reference = useReference();
  const language = useLanguage();
  return useMemo(() => {
    const data = reference.data;
    if (!data) return [];
    return data.regions
      .map((region) => ({
        group: nameIn(region, language),
        items: data.territories
          .filter((tr) => tr.regionCode === region.code && (!restrictTo || tr.code === restrictTo))
          .map((tr) => ({ value: tr.code, label: nameIn(tr, language) })),
      }))
      .filter((g) => g.items.length > 0);
  }, [reference.data, language, restrictTo]);
}

export function useSectorOptions(): Option[] {
  const reference = useReference();
  const language = useLanguage();
  return useMemo(
    () => (reference.data?.sectors ?? []).map((s) => ({ value: s.code, label: nameIn(s, language) })),
    [reference.data, language],
  );
}

export function useRoleOptions(allowed: readonly Role[] = ROLES): Option[] {
  const { t } = useTranslation();
  return allowed.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

/** Name lookups for codes shown in tables. */
export function useReferenceNames() {
  const reference = useReference();
  const language = useLanguage();
  return useMemo(() => {
    const territories = new Map((reference.data?.territories ?? []).map((tr) => [tr.code, tr]));
    const regions = new Map((reference.data?.regions ?? []).map((r) => [r.code, r]));
    const sectors = new Map((reference.data?.sectors ?? []).map((s) => [s.code, s]));
    return {
      territory: (code: string | null | undefined) =>
        code ? nameIn(territories.get(code), language) || code : '',
      region: (code: string | null | undefined) => (code ? nameIn(regions.get(code), language) || code : ''),
      sector: (code: string | null | undefined) => (code ? nameIn(sectors.get(code), language) || code : ''),
    };
  }, [reference.data, language]);
}

/** An institution's name in the interface language (French for English: institutions have no English name). */
export function institutionName(inst: { nameAr: string; nameFr: string }, language: string): string {
  return language === 'ar' ? inst.nameAr : inst.nameFr;
}
