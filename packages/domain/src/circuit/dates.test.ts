import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import taxonomies from '../reference/taxonomies.json' with { type: 'json' };
import {
  AGE_BANDS,
  ageBand,
  ageBandFromBirthYear,
  ageInYears,
  CARE_LEAVER_SITUATION,
  parseCalendarDate,
  validateChildDates,
} from './index';

describe('ageInYears', () => {
  it('counts completed years', () => {
    expect(ageInYears('2010-06-15', '2024-06-14')).toBe(13);
    expect(ageInYears('2010-06-15', '2024-06-15')).toBe(14);
    expect(ageInYears('2010-06-15', '2010-06-15')).toBe(0);
  });

  it('ages someone born on 29 February on 1 March in common years', () => {
    expect(ageInYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageInYears('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageInYears('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('rejects malformed dates and dates before birth', () => {
    expect(() => ageInYears('2010-02-30', '2024-01-01')).toThrow(RangeError);
    expect(() => ageInYears('15/06/2010', '2024-01-01')).toThrow(RangeError);
    expect(() => ageInYears('2024-01-02', '2024-01-01')).toThrow(RangeError);
  });
});

describe('ageBand', () => {
  it.each([
    ['2024-03-10', '0_5'],
    ['2019-03-11', '0_5'],
    ['2019-03-10', '6_11'],
    ['2013-03-11', '6_11'],
    ['2013-03-10', '12_14'],
    ['2010-03-11', '12_14'],
    ['2010-03-10', '15_17'],
    ['2007-03-11', '15_17'],
    ['2007-03-10', '18_plus'],
  ])('born %s is %s on 2025-03-10', (birth, band) => {
    expect(ageBand(birth, '2025-03-10')).toBe(band);
  });

  it('covers every age with exactly one band', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (age) => {
        return AGE_BANDS.filter((b) => age >= b.min && (b.max === null || age <= b.max)).length === 1;
      }),
    );
  });
});

describe('ageBandFromBirthYear', () => {
  it('takes the birth year at mid-year', () => {
    // Born 2011: 14 from July 2025 on, 13 before.
    expect(ageBandFromBirthYear(2011, '2025-06-30')).toBe(ageBand('2011-07-01', '2025-06-30'));
    expect(ageBandFromBirthYear(2011, '2025-06-30')).toBe('12_14');
    expect(ageBandFromBirthYear(2010, '2025-07-01')).toBe('15_17');
  });

  it('knows no band without a year, and puts a child born this half-year in the youngest band', () => {
    expect(ageBandFromBirthYear(null, '2026-01-10')).toBeNull();
    expect(ageBandFromBirthYear(2026, '2026-01-10')).toBe('0_5');
  });
});

describe('parseCalendarDate', () => {
  it('accepts real dates only', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDate('2023-02-29')).toBeNull();
    expect(parseCalendarDate('2023-13-01')).toBeNull();
    expect(parseCalendarDate('2023-1-01')).toBeNull();
  });
});

describe('validateChildDates', () => {
  const now = '2025-03-10';

  it('accepts a consistent child record, and an unknown birth date', () => {
    expect(validateChildDates({ birthDate: '2015-01-01', reportDate: '2025-03-01', now })).toEqual([]);
    expect(validateChildDates({ birthDate: null, reportDate: '2025-03-01', now })).toEqual([]);
  });

  it('rejects a birth after the report', () => {
    expect(validateChildDates({ birthDate: '2025-03-02', reportDate: '2025-03-01', now })).toEqual([
      { code: 'birth_after_report', field: 'birthDate' },
    ]);
  });

  it('accepts a newborn reported on the day of birth', () => {
    expect(validateChildDates({ birthDate: '2025-03-01', reportDate: '2025-03-01', now })).toEqual([]);
  });

  it('rejects a report in the future', () => {
    expect(validateChildDates({ birthDate: '2015-01-01', reportDate: '2025-03-11', now })).toEqual([
      { code: 'report_in_future', field: 'reportDate' },
    ]);
    expect(validateChildDates({ reportDate: now, now })).toEqual([]);
  });

  it('rejects a birth in the future', () => {
    expect(validateChildDates({ birthDate: '2025-04-01', reportDate: '2025-04-02', now })).toEqual(
      expect.arrayContaining([{ code: 'birth_in_future', field: 'birthDate' }]),
    );
  });

  it('accepts an adult at report only as a care leaver', () => {
    const adult = { birthDate: '2007-03-01', reportDate: '2025-03-01', now };
    expect(CARE_LEAVER_SITUATION).toBe('care_leaver');
    expect(taxonomies.child_situations.map((s) => s.code)).toContain(CARE_LEAVER_SITUATION);
    expect(validateChildDates(adult)).toEqual([{ code: 'over_18_not_care_leaver', field: 'birthDate' }]);
    expect(validateChildDates({ ...adult, situations: ['victim'] })).toEqual([
      { code: 'over_18_not_care_leaver', field: 'birthDate' },
    ]);
    expect(validateChildDates({ ...adult, situations: ['care_leaver'] })).toEqual([]);
    expect(validateChildDates({ ...adult, birthDate: '2007-03-02' })).toEqual([]);
  });

  it('reports malformed dates', () => {
    expect(validateChildDates({ birthDate: '2015-02-30', reportDate: 'yesterday', now })).toEqual([
      { code: 'invalid_date', field: 'reportDate' },
      { code: 'invalid_date', field: 'birthDate' },
    ]);
  });
});
