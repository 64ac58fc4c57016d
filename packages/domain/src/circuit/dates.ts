// Dates here are calendar dates ("YYYY-MM-DD"), not instants: a birth date has no time zone, and converting
// it through Date would shift it by a day around midnight in Africa/Casablanca. Callers pass "now" as
// today's date in Casablanca.

/**
 * Age bands for statistics. The seed documents fix none, so they follow the child's path through the
 * Moroccan system: 0–5 before compulsory school (which starts at 6), 6–11 primary school, 12–14 lower
 * secondary and below the minimum working age of 15 (Labour Code, law 65-99), 15–17 old enough to work but
 * still a child, 18+ adults (majority at 18), who only appear as care leavers.
 */
export const AGE_BANDS = [
  { code: '0_5', min: 0, max: 5 },
  { code: '6_11', min: 6, max: 11 },
  { code: '12_14', min: 12, max: 14 },
  { code: '15_17', min: 15, max: 17 },
  { code: '18_plus', min: 18, max: null },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['code'];

export const AGE_OF_MAJORITY = 18;
/** taxonomies.json `child_situations` code for a young adult leaving a care institution at 18. */
export const CARE_LEAVER_SITUATION = 'care_leaver';

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function parseCalendarDate(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  const isReal =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return isReal ? { year, month, day } : null;
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function requireDate(value: string, field: string): CalendarDate {
  const date = parseCalendarDate(value);
  if (!date) throw new RangeError(`${field} is not a calendar date (YYYY-MM-DD): ${value}`);
  return date;
}

function completedYears(birth: CalendarDate, on: CalendarDate): number {
  // Someone born on 29 February turns a year older on 1 March in common years.
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Completed years of age on a date. Throws RangeError on malformed dates or a date before birth. */
export function ageInYears(birthDate: string, onDate: string): number {
  const birth = requireDate(birthDate, 'birthDate');
  const on = requireDate(onDate, 'onDate');
  if (compare(on, birth) < 0) throw new RangeError(`onDate ${onDate} is before birthDate ${birthDate}`);
  return completedYears(birth, on);
}

export function ageBand(birthDate: string, onDate: string): AgeBand {
  const age = ageInYears(birthDate, onDate);
  const band = AGE_BANDS.find((b) => age >= b.min && (b.max === null || age <= b.max));
  return band!.code;
}

/**
 * The age band from the birth year alone, taken at mid-year (as the child's profile does): what is
 * shared with partners and other provinces, who need the band, not the date.
 */
export function ageBandFromBirthYear(birthYear: number | null, onDate: string): AgeBand | null {
  if (birthYear === null) return null;
  const midYear = `${birthYear}-07-01`;
  return midYear > onDate ? AGE_BANDS[0].code : ageBand(midYear, onDate);
}

export interface ChildDates {
  /** Unknown for many children without civil registration. */
  readonly birthDate?: string | null;
  readonly reportDate: string;
  /** Today's date in Africa/Casablanca. */
  readonly now: string;
  /** child_situations codes of the case. */
  readonly situations?: readonly string[];
}

export type ChildDateViolationCode =
  | 'invalid_date'
  | 'birth_in_future'
  | 'birth_after_report'
  | 'report_in_future'
  | 'over_18_not_care_leaver';

export interface ChildDateViolation {
  readonly code: ChildDateViolationCode;
  readonly field: 'birthDate' | 'reportDate' | 'now';
}

/** Checks the dates of a child's case; returns every violation (empty when the dates are consistent). */
export function validateChildDates(input: ChildDates): ChildDateViolation[] {
  const violations: ChildDateViolation[] = [];
  const now = parseCalendarDate(input.now);
  const report = parseCalendarDate(input.reportDate);
  const hasBirth = input.birthDate !== null && input.birthDate !== undefined && input.birthDate !== '';
  const birth = hasBirth ? parseCalendarDate(input.birthDate!) : null;
  if (!now) violations.push({ code: 'invalid_date', field: 'now' });
  if (!report) violations.push({ code: 'invalid_date', field: 'reportDate' });
  if (hasBirth && !birth) violations.push({ code: 'invalid_date', field: 'birthDate' });

  if (report && now && compare(report, now) > 0)
    violations.push({ code: 'report_in_future', field: 'reportDate' });
  if (birth && now && compare(birth, now) > 0)
    violations.push({ code: 'birth_in_future', field: 'birthDate' });
  if (birth && report && compare(birth, report) > 0) {
    violations.push({ code: 'birth_after_report', field: 'birthDate' });
  } else if (birth && report && completedYears(birth, report) >= AGE_OF_MAJORITY) {
    // The DTIPE serves children under 18; adults only through after-care when they leave an institution.
    if (!(input.situations ?? []).includes(CARE_LEAVER_SITUATION)) {
      violations.push({ code: 'over_18_not_care_leaver', field: 'birthDate' });
    }
  }
  return violations;
}
