// A skeleton is a script-independent key for one name token: the consonants as sounds, read from either the
// Arabic letters or their French-style Latin spelling, so that محمد, Mohamed, Mohammed, Mhamed and Muhammad
// all become "mhmd".
//
// Alphabet: b t j h x(خ) d r z s c(ش) k(ق/ك/g) g(غ) f l m n w y, plus the marker "a":
// - a leading "a" says the name starts with a vowel sound (ا, ع, أ / a e i o u): Ahmed "ahmd" ≠ Hamid "hmd";
// - a trailing "a" says it ends with one (ة, ى, ا, final ي / a, i, ou): Karima "krma" ≠ Karim "krm",
//   Amina "amna" ≠ Amine "amn" (a French final e after a consonant is silent).
// Inside the word vowels are dropped: Latin spellings disagree on them and Arabic does not write short ones.
// ع is treated as a vowel because Latin spellings drop it (Saad, Naima, Abdellatif). Medial و/ي and ou/w/y
// are dropped too, except و/ou before a vowel, where they are the consonant w (Alaoui, Marouane, Radouane).
// Doubled consonants are collapsed after vowels are dropped, because Arabic writes shadda as one letter.
//
// Where a Latin spelling is genuinely ambiguous the token gets more than one skeleton (at most
// MAX_VARIANTS): "th"/"dh" may stand for ث/ذ or for ت+ح/د+ه (Othmane vs Fathi), and "oua" may hide a ع
// (Souad = سعاد, Mouad = معاذ) rather than a w (Marouane = مروان).

import { normalizeName } from './normalize';

export const MAX_VARIANTS = 4;

const VOWEL_MARKER = 'a';

type Phone =
  | { kind: 'consonant'; options: readonly string[] }
  | { kind: 'vowel'; letter: string }
  | { kind: 'semivowel'; letter: 'w' | 'y' };

const LATIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

const LATIN_PLAIN: Readonly<Record<string, string>> = {
  b: 'b',
  f: 'f',
  j: 'j',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
  z: 'z',
  v: 'f',
  h: 'h',
};

function isLatinVowelAt(token: string, index: number): boolean {
  const letter = token[index];
  return letter !== undefined && (LATIN_VOWELS.has(letter) || letter === 'y');
}

function latinPhones(token: string): Phone[] {
  const phones: Phone[] = [];
  const consonant = (...options: string[]) => phones.push({ kind: 'consonant', options });
  let i = 0;
  while (i < token.length) {
    const letter = token[i]!;
    const next = token[i + 1];
    const afterNext = token[i + 2];
    if (letter === 'c') {
      if (next === 'h') {
        consonant('c');
        i += 2;
      } else if (next === 'k') {
        consonant('k');
        i += 2;
      } else {
        consonant(next === 'e' || next === 'i' || next === 'y' ? 's' : 'k');
        i += 1;
      }
    } else if (letter === 's') {
      consonant(next === 'h' ? 'c' : 's');
      i += next === 'h' ? 2 : 1;
    } else if (letter === 'k') {
      consonant(next === 'h' ? 'x' : 'k');
      i += next === 'h' ? 2 : 1;
    } else if (letter === 'g') {
      if (next === 'h') {
        consonant('g');
        i += 2;
      } else if (next === 'u' && isLatinVowelAt(token, i + 2)) {
        // "gue", "gui": the u only keeps the g hard.
        consonant('k');
        i += 2;
      } else {
        // A lone g is the Maghrebi g (گ/ڭ, folded into ك) except before e/i where French reads it as j.
        consonant(next === 'e' || next === 'i' || next === 'y' ? 'j' : 'k');
        i += 1;
      }
    } else if (letter === 'q') {
      consonant('k');
      i += next === 'u' && isLatinVowelAt(token, i + 2) ? 2 : 1;
    } else if (letter === 'p') {
      consonant(next === 'h' ? 'f' : 'b');
      i += next === 'h' ? 2 : 1;
    } else if (letter === 't') {
      if (next === 'c' && afterNext === 'h') {
        consonant('c');
        i += 3;
      } else if (next === 'h') {
        consonant('t', 'th');
        i += 2;
      } else {
        consonant('t');
        i += 1;
      }
    } else if (letter === 'd') {
      const previous = token[i - 1];
      if (next === 'j' && (previous === undefined || LATIN_VOWELS.has(previous))) {
        // "Djamal": French spelling of ج. After a consonant (Abdjalil) the d is a real letter.
        consonant('j');
        i += 2;
      } else if (next === 'h') {
        consonant('d', 'dh');
        i += 2;
      } else {
        consonant('d');
        i += 1;
      }
    } else if (letter === 'x') {
      consonant('k');
      consonant('s');
      i += 1;
    } else if (letter === 'o' && next === 'u') {
      phones.push({ kind: 'semivowel', letter: 'w' });
      i += 2;
    } else if (letter === 'w') {
      phones.push({ kind: 'semivowel', letter: 'w' });
      i += 1;
    } else if (letter === 'y') {
      phones.push({ kind: 'semivowel', letter: 'y' });
      i += 1;
    } else if (LATIN_VOWELS.has(letter)) {
      phones.push({ kind: 'vowel', letter });
      i += 1;
    } else {
      const mapped = LATIN_PLAIN[letter];
      if (mapped !== undefined) consonant(mapped);
      i += 1;
    }
  }
  // A French final e after a consonant is silent: Amine = أمين, Yassine = ياسين.
  const last = phones.at(-1);
  const beforeLast = phones.at(-2);
  if (last?.kind === 'vowel' && last.letter === 'e' && beforeLast?.kind === 'consonant') phones.pop();
  return phones;
}

function resolveLatinSemivowels(phones: readonly Phone[]): Phone[] {
  return phones.map((phone, index): Phone => {
    if (phone.kind !== 'semivowel') return phone;
    const next = phones[index + 1];
    const nextIsVowel = next?.kind === 'vowel' || next?.kind === 'semivowel';
    if (next === undefined) return { kind: 'vowel', letter: phone.letter };
    if (index === 0) return nextIsVowel ? { kind: 'consonant', options: [phone.letter] } : vowelOf(phone);
    if (phone.letter === 'w' && next.kind === 'vowel') {
      // "oua" is w in Marouane (مروان) but hides a ع in Souad (سعاد): keep both readings.
      return { kind: 'consonant', options: next.letter === 'a' ? ['w', ''] : ['w'] };
    }
    return vowelOf(phone);
  });
}

function vowelOf(phone: { letter: string }): Phone {
  return { kind: 'vowel', letter: phone.letter };
}

const ARABIC_CONSONANTS: Readonly<Record<string, string>> = {
  ب: 'b',
  ت: 't',
  ث: 't',
  ج: 'j',
  ح: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'd',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'c',
  ص: 's',
  ض: 'd',
  ط: 't',
  // ظ is read d in Moroccan names (Hafid حفيظ).
  ظ: 'd',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
};

export const ARABIC_SUN_LETTERS: ReadonlySet<string> = new Set([...'تثدذرزسشصضطظلن']);

/** Particles that tokenize() glues to the next word, keeping its article (عبدالرحمن, بنالعربي). */
const ARABIC_GLUED_PREFIXES: readonly string[] = ['عبد', 'بنت', 'بن', 'ولد', 'ايت', 'بو'];

// After a glued particle, ال before a sun letter is assimilated: عبد الرحمن is said and spelled in Latin
// Abderrahmane, with no l.
function dropAssimilatedArticle(token: string): string {
  let position = 0;
  let found = true;
  while (found) {
    const prefix = ARABIC_GLUED_PREFIXES.find((candidate) => token.startsWith(candidate, position));
    found = prefix !== undefined;
    position += prefix?.length ?? 0;
  }
  const afterArticle = token[position + 2];
  const isAssimilated =
    position > 0 &&
    token.startsWith('ال', position) &&
    afterArticle !== undefined &&
    ARABIC_SUN_LETTERS.has(afterArticle);
  return isAssimilated ? token.slice(0, position) + token.slice(position + 2) : token;
}

function arabicPhones(token: string): Phone[] {
  // عبد الله, فتح الله: the final ه of Allah is a consonant, not a taa marbuta.
  const endsWithAllah = token.endsWith('لله');
  const letters = [...dropAssimilatedArticle(token)];
  const lastIndex = letters.length - 1;
  const phones: Phone[] = [];
  letters.forEach((letter, index) => {
    const next = letters[index + 1];
    const isLast = index === lastIndex;
    if (letter === 'ا' || letter === 'ع') {
      phones.push({ kind: 'vowel', letter });
    } else if (letter === 'و') {
      const beforeVowel = next === 'ا' || next === 'ي' || (next === 'ه' && index + 1 === lastIndex);
      if (index === 0 || (!isLast && beforeVowel)) phones.push({ kind: 'consonant', options: ['w'] });
      else phones.push({ kind: 'vowel', letter });
    } else if (letter === 'ي') {
      if (index === 0 && !isLast) phones.push({ kind: 'consonant', options: ['y'] });
      else phones.push({ kind: 'vowel', letter });
    } else if (letter === 'ه' && isLast && !endsWithAllah && index > 0) {
      phones.push({ kind: 'vowel', letter });
    } else {
      const mapped = ARABIC_CONSONANTS[letter];
      if (mapped !== undefined) phones.push({ kind: 'consonant', options: [mapped] });
    }
  });
  return phones;
}

const ARABIC_LETTER = /\p{Script=Arabic}/u;

/** True when the token is written in Arabic script (decides which reading rules apply). */
export function isArabicToken(token: string): boolean {
  return ARABIC_LETTER.test(token);
}

function assemble(phones: readonly Phone[]): string[] {
  if (phones.length === 0) return [''];
  let variants: string[][] = [[]];
  for (const phone of phones) {
    if (phone.kind !== 'consonant') continue;
    const expanded: string[][] = [];
    for (const variant of variants) {
      for (const option of phone.options) {
        expanded.push(option === '' ? variant : [...variant, ...option]);
      }
    }
    variants = expanded.slice(0, MAX_VARIANTS);
  }
  const leading = phones[0]?.kind === 'vowel' ? VOWEL_MARKER : '';
  const trailing = phones.length > 1 && phones.at(-1)?.kind === 'vowel' ? VOWEL_MARKER : '';
  const results = variants.map((consonants) => leading + collapseRepeats(consonants).join('') + trailing);
  return [...new Set(results)];
}

function collapseRepeats(letters: readonly string[]): string[] {
  return letters.filter((letter, index) => letter !== letters[index - 1]);
}

/**
 * All skeletons of a normalised token, the most likely reading first. Most tokens have exactly one; ambiguous
 * Latin spellings get up to MAX_VARIANTS.
 */
export function skeletonVariants(token: string): string[] {
  const normalised = normalizeName(token).replace(/ /g, '');
  if (isArabicToken(normalised)) return assemble(arabicPhones(normalised));
  return assemble(resolveLatinSemivowels(latinPhones(normalised)));
}

/** The primary skeleton of a normalised token (see the top of this file for the alphabet). */
export function skeleton(token: string): string {
  return skeletonVariants(token)[0] ?? '';
}
