// Normalisers are the first step of search and duplicate detection: two spellings that a social worker
// would read as the same letters must become the same string. They only unify writing variants; they never
// guess pronunciation (that is the skeleton's job), so the normalised form is still a readable name.

// Harakat (fathatan..sukun), maddah/hamza marks that NFD leaves behind, superscript alef, Quranic annotation
// marks, tatweel, and invisible direction/joiner controls that copy-paste from Word or PDFs carries along.
const ARABIC_MARKS =
  /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;

const ARABIC_LETTER_MAP: Readonly<Record<string, string>> = {
  // Alef forms are written interchangeably on forms and ID cards.
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ٵ: 'ا',
  // Final alef maqsura and yeh are confused; taa marbuta is often typed as heh.
  ى: 'ي',
  ة: 'ه',
  // Hamza carriers vary from writer to writer; the bare hamza is dropped below.
  ؤ: 'و',
  ئ: 'ي',
  // Persian/Urdu code points produced by some keyboards, and the Maghrebi letters for g and v.
  ک: 'ك',
  ڪ: 'ك',
  گ: 'ك',
  ڭ: 'ك',
  ݣ: 'ك',
  ڨ: 'ق',
  ی: 'ي',
  ې: 'ي',
  ے: 'ي',
  ۀ: 'ه',
  ە: 'ه',
  ۃ: 'ه',
  ڤ: 'ف',
  ڥ: 'ف',
  پ: 'ب',
  چ: 'ش',
  ژ: 'ز',
};

const ARABIC_LETTERS_TO_MAP = new RegExp(`[${Object.keys(ARABIC_LETTER_MAP).join('')}]`, 'g');

/** Unifies Arabic-script writing variants (diacritics, alef/yeh/heh/hamza forms, Persian code points). */
export function normalizeArabic(input: string): string {
  return (
    input
      // NFKC folds presentation forms (ﻻ, ﷲ...) that PDF copy-paste produces into ordinary letters.
      .normalize('NFKC')
      .replace(ARABIC_MARKS, '')
      .replace(ARABIC_LETTERS_TO_MAP, (letter) => ARABIC_LETTER_MAP[letter] ?? letter)
      .replace(/ء/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const LATIN_SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

// Apostrophes glue (L'hassen, M'hamed are written as one word in Arabic); other separators split.
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB\u0060\u00B4\u2032]/g;
const SEPARATORS = /[-\u2010-\u2015\u2212_.,;:/\\()[\]{}"«»]+/g;

/** Lower-cases and strips accents; apostrophes are removed (glued), hyphens and punctuation become spaces. */
export function normalizeLatin(input: string): string {
  return (
    input
      .toLowerCase()
      .normalize('NFKD')
      // The cedilla must be read before accents are stripped, or "ç" would become a hard c.
      .replace(/c\u0327/g, 's')
      .replace(/[\u0300-\u036F]/g, '')
      // Compatibility decomposition can yield capitals (℡ → TEL), so lower-case once more.
      .toLowerCase()
      .replace(/[ßæœøłđðþı]/g, (letter) => LATIN_SPECIAL_LETTERS[letter] ?? letter)
      .replace(APOSTROPHES, '')
      .replace(SEPARATORS, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      // NFKD also split Arabic hamza letters (أ → ا + U+0654); recompose so Arabic text passes through intact.
      .normalize('NFC')
  );
}

/** Both normalisers: a name field may mix scripts ("Karim بنجلون"). */
export function normalizeName(input: string): string {
  return normalizeLatin(normalizeArabic(input));
}
