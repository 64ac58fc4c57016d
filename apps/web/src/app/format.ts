import type { Language } from '@madar/domain';

export const TIME_ZONE = 'Africa/Casablanca';

/** Morocco writes Western digits also in Arabic text: `ar-MA` (never plain `ar`), dd/mm/yyyy. */
export function localeOf(language: Language): string {
  switch (language) {
    case 'ar':
      return 'ar-MA';
    case 'fr':
      return 'fr-MA';
    default:
      return 'en-GB';
  }
}

/**
 * Intl puts right-to-left marks between the parts of an Arabic date; without them the digits of
 * "23/11/2026" stay in reading order in both directions, and the text is the same in every language.
 */
function withoutBidiMarks(text: string): string {
  return text.replace(/[\u200e\u200f\u061c]/g, '');
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { numberingSystem: 'latn' }).format(value);
}

export function formatDate(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const text = new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
    numberingSystem: 'latn',
  }).format(date);
  return withoutBidiMarks(text);
}

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const text = new Intl.DateTimeFormat(localeOf(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: TIME_ZONE,
    numberingSystem: 'latn',
  }).format(date);
  return withoutBidiMarks(text);
}

/** The UTC offset of Casablanca on a given day, as `+01:00` (it changes during Ramadan). */
function casablancaOffset(at: Date): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

/** A local calendar day (`yyyy-mm-dd`) → the ISO instant of its start or end in Casablanca. */
export function casablancaDayBound(day: string, bound: 'start' | 'end'): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const offset = casablancaOffset(new Date(`${day}T12:00:00Z`));
  return bound === 'start' ? `${day}T00:00:00${offset}` : `${day}T23:59:59.999${offset}`;
}

/** A secret shown to be typed by hand: groups of four characters. */
export function groupInFours(secret: string): string {
  return secret
    .replace(/\s+/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();
}
