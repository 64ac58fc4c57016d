import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeArabic, normalizeLatin, normalizeName } from './normalize';

const ARABIC_SAMPLE = [
  ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱىةؤئکیڤگپچژ',
  '\u064B',
  '\u064E',
  '\u064F',
  '\u0650',
  '\u0651',
  '\u0652',
  '\u0670',
  '\u0640',
  '\u0654',
  '\u200F',
  ' ',
  '  ',
];
const LATIN_SAMPLE = [
  ...'abcdefghijklmnopqrstuvwxyzABCZ',
  ...'éèêëïîôöüçÇÉÏ',
  "'",
  '’',
  '-',
  ' ',
  '.',
  '\u0301',
  'ß',
  'İ',
];

const arabicText = fc.string({ unit: fc.constantFrom(...ARABIC_SAMPLE), maxLength: 30 });
const latinText = fc.string({ unit: fc.constantFrom(...LATIN_SAMPLE), maxLength: 30 });

describe('normalizeArabic', () => {
  it.each([
    ['مُحَمَّد', 'محمد'],
    ['محـــمد', 'محمد'],
    ['أحمد', 'احمد'],
    ['إلهام', 'الهام'],
    ['آمنة', 'امنه'],
    ['ٱلعلوي', 'العلوي'],
    ['ليلى', 'ليلي'],
    ['فاطمة', 'فاطمه'],
    ['مسؤول', 'مسوول'],
    ['عائشة', 'عايشه'],
    ['حسناء', 'حسنا'],
    ['کریم', 'كريم'],
    ['ڤاطمة', 'فاطمه'],
    ['  كريم   بن  جلون ', 'كريم بن جلون'],
    ['ﻻ', 'لا'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it('leaves Latin text alone', () => {
    expect(normalizeArabic('Karim')).toBe('Karim');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(arabicText, (s) => normalizeArabic(normalizeArabic(s)) === normalizeArabic(s)));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (s) => normalizeArabic(normalizeArabic(s)) === normalizeArabic(s),
      ),
    );
  });
});

describe('normalizeLatin', () => {
  it.each([
    ['Naïma', 'naima'],
    ["L'hassen", 'lhassen'],
    ['L’hassen', 'lhassen'],
    ['Abd-El-Latif', 'abd el latif'],
    ['  BEN   Jelloun ', 'ben jelloun'],
    ['François', 'fransois'],
    ['Aït Taleb', 'ait taleb'],
    ['Fatima-Zahra', 'fatima zahra'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLatin(input)).toBe(expected);
  });

  it('leaves Arabic letters intact', () => {
    expect(normalizeLatin('أحمد')).toBe('أحمد');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(latinText, (s) => normalizeLatin(normalizeLatin(s)) === normalizeLatin(s)));
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        (s) => normalizeLatin(normalizeLatin(s)) === normalizeLatin(s),
      ),
    );
  });
});

describe('normalizeName', () => {
  it('handles mixed scripts', () => {
    expect(normalizeName('Karim بنجلّون')).toBe('karim بنجلون');
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => normalizeName(normalizeName(s)) === normalizeName(s)),
    );
    fc.assert(
      fc.property(
        fc.oneof(arabicText, latinText),
        (s) => normalizeName(normalizeName(s)) === normalizeName(s),
      ),
    );
  });
});
