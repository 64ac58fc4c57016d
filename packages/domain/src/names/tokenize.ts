// Splitting a name into tokens decides what "the same name" means before any sound is compared.
//
// Particles (decided here, used by every key and score):
// - Ben/Bin/Ibn (بن/ابن), Bent/Bint (بنت), Ould (ولد), Ait/Aït/Ayt (ايت), Bou/Abou/Abu (بو/ابو) and
//   Abd/Abdel/Abdul (عبد) are glued to the next word: they are part of the family or first name, and people
//   write them glued or not at random (Benjelloun / Ben Jelloun, عبداللطيف / عبد اللطيف). Ibn is folded into
//   Ben and Abou into Bou because both pairs are written interchangeably. They are never dropped: Benjelloun
//   and Jelloun are different families.
// - The article (ال, El/Al, assimilated Ed/Es/Et/Er/Ez/En/Ech, Moroccan "L" before a consonant) is dropped at
//   the start of a word, because Latin spellings drop it (El Tahiri / Tahiri / الطاهري). The token remembers
//   that it had one, so keys can also offer the "L-" reading (Lamrani = العمراني). After a glued particle the
//   article stays (Abdelkader, Benlarbi), written the Latin way: "el" before a moon letter, assimilated into a
//   doubled consonant before a sun letter (Abderrahim, Abdellatif), because that is how both scripts spell it.
// - Moulay/Mly, Sidi/Si and Lalla (مولاي، سيدي، لالة) are honorifics that forms add or omit for the same
//   person, so they are dropped unless they are the whole name.
// - الله/Allah after a word is glued to it (فتح الله = Fathallah), like the Abd compounds.

import { normalizeName } from './normalize';
import { ARABIC_SUN_LETTERS, isArabicToken } from './skeleton';

export type ArticleKind = 'moon' | 'sun';

export interface NameToken {
  /** Canonical normalised token: what tokenize() returns. */
  readonly text: string;
  readonly script: 'arabic' | 'latin';
  /** Set when a leading article was dropped from this token. */
  readonly strippedArticle: ArticleKind | null;
}

const LATIN_HONORIFICS = new Set(['moulay', 'mulay', 'moulaye', 'mly', 'sidi', 'si', 'lalla', 'lala', 'lla']);
const ARABIC_HONORIFICS = new Set(['مولاي', 'سيدي', 'سي', 'لاله', 'لالا', 'للا']);

const LATIN_ARTICLES = new Set([
  'el',
  'al',
  'ul',
  'ed',
  'ad',
  'es',
  'as',
  'et',
  'at',
  'er',
  'ar',
  'ez',
  'az',
  'en',
  'an',
  'ech',
  'ach',
  // "L hassen" typed with a space where L'hassen has an apostrophe: the same glued article.
  'l',
]);
const ARABIC_ARTICLE = 'ال';

interface Particle {
  readonly canonical: string;
  /** Abdel/Abdul carry their own article. */
  readonly withArticle: boolean;
}

function particles(
  spellings: readonly string[],
  canonical: string,
  withArticle = false,
): [string, Particle][] {
  return spellings.map((spelling) => [spelling, { canonical, withArticle }]);
}

const LATIN_PARTICLES: ReadonlyMap<string, Particle> = new Map([
  ...particles(['ben', 'bin', 'ibn', 'ibnou', 'bnou'], 'ben'),
  ...particles(['bent', 'bint'], 'bent'),
  // Spelled so that it reads as ولد (w-l-d): "ould" would read as a leading vowel.
  ...particles(['ould', 'ouled', 'weld', 'wld'], 'wld'),
  ...particles(['ait', 'ayt', 'aitt'], 'ait'),
  ...particles(['bou', 'bu', 'abou', 'abu'], 'bou'),
  ...particles(['abd'], 'abd'),
  ...particles(['abdel', 'abdal', 'abdul', 'abdoul', 'abdol'], 'abd', true),
]);

const ARABIC_PARTICLES: ReadonlyMap<string, Particle> = new Map([
  ...particles(['بن', 'ابن'], 'بن'),
  ...particles(['بنت'], 'بنت'),
  ...particles(['ولد'], 'ولد'),
  ...particles(['ايت'], 'ايت'),
  ...particles(['بو', 'ابو'], 'بو'),
  ...particles(['عبد'], 'عبد'),
]);

// Names that start like an article but are not one (إلهام, إلياس lose their hamza when normalised).
const ARABIC_ARTICLE_EXCEPTIONS = new Set(['الهام', 'الياس', 'اليسع', 'الفت', 'الله']);
const LATIN_ARTICLE_EXCEPTIONS = new Set(['elham', 'elias', 'eliass', 'elyas', 'elissa', 'elsa', 'elma']);

const LATIN_VOWELS = new Set([...'aeiouy']);

function latinFirstSound(word: string): string {
  const two = word.slice(0, 2);
  if (two === 'ch' || two === 'sh' || two === 'th' || two === 'dh' || two === 'dj' || two === 'kh')
    return two;
  return word.slice(0, 1);
}

function latinArticleKind(word: string): ArticleKind {
  const sound = latinFirstSound(word);
  if (sound === 'dj') return 'moon';
  return ['t', 'd', 'r', 'z', 's', 'n', 'l', 'ch', 'sh', 'th', 'dh'].includes(sound) ? 'sun' : 'moon';
}

function arabicArticleKind(word: string): ArticleKind {
  return ARABIC_SUN_LETTERS.has(word.slice(0, 1)) ? 'sun' : 'moon';
}

/** Detects an article glued to the start of a Latin word ("Eltahiri", "Ettahiri", "Lhoussaine"). */
function splitLatinArticle(word: string): { rest: string; kind: ArticleKind } | null {
  if (LATIN_ARTICLE_EXCEPTIONS.has(word)) return null;
  const assimilated = /^e(ch|sh|th|dh|[tdrzsnl])\1/.exec(word);
  if (assimilated) {
    const rest = word.slice(1 + (assimilated[1]?.length ?? 0));
    return rest.length >= 4 ? { rest, kind: 'sun' } : null;
  }
  const prefix = word.slice(0, 2);
  const rest = word.slice(2);
  const first = rest.slice(0, 1);
  if (prefix === 'el' || prefix === 'al') {
    if (first === '' || first === 'y' || first === 'w') return null;
    if (!LATIN_VOWELS.has(first)) {
      // "Allal", "Allam" are ع + doubled l, not an article.
      if (prefix === 'al' && first === 'l') return null;
      return rest.length >= 3 ? { rest, kind: latinArticleKind(rest) } : null;
    }
    // "Elalaoui", "Elamrani"; "Al" + vowel is a name (Alaoui, Alami).
    return prefix === 'el' && rest.length >= 4 ? { rest, kind: 'moon' } : null;
  }
  // Moroccan spellings write the article as a bare L: Lhoussaine, Lmokhtar, Lbachir.
  const afterL = word.slice(1);
  const second = afterL.slice(0, 1);
  if (
    word.startsWith('l') &&
    second !== '' &&
    !LATIN_VOWELS.has(second) &&
    second !== 'l' &&
    second !== 'w'
  ) {
    return afterL.length >= 3 ? { rest: afterL, kind: latinArticleKind(afterL) } : null;
  }
  return null;
}

function splitArabicArticle(word: string): { rest: string; kind: ArticleKind } | null {
  if (!word.startsWith(ARABIC_ARTICLE) || word.length < 4 || ARABIC_ARTICLE_EXCEPTIONS.has(word)) return null;
  const rest = word.slice(ARABIC_ARTICLE.length);
  return { rest, kind: arabicArticleKind(rest) };
}

/** Canonical Latin spelling of an Abd compound that is already glued ("Abdelrahman" → "abderrahman"). */
function canonicalLatinAbd(word: string): string {
  const match = /^abd(el|al|ul|oul|ol|e|a|u|ou)?(.+)$/.exec(word);
  const connector = match?.[1];
  const rest = match?.[2];
  if (!match || rest === undefined || rest.length < 3) return word;
  if (connector === undefined && !LATIN_VOWELS.has(rest.slice(0, 1))) return word;
  const doubled = /^(ch|sh|th|dh|[a-z])\1/.exec(rest);
  const bare = doubled ? rest.slice(doubled[1]?.length ?? 0) : rest;
  return `abd${latinArticleJoin(bare)}`;
}

/** Writes a word after an article the Latin way: "el" before a moon letter, a doubled sun letter otherwise. */
export function latinArticleJoin(word: string): string {
  if (latinArticleKind(word) === 'moon') return `el${word}`;
  return `e${latinFirstSound(word)}${word}`;
}

function isParticleWord(word: string, script: 'arabic' | 'latin'): Particle | undefined {
  return script === 'arabic' ? ARABIC_PARTICLES.get(word) : LATIN_PARTICLES.get(word);
}

const RUNS = /\p{Script=Arabic}+|\p{Script=Latin}+|\p{L}+/gu;

function rawWords(name: string): string[] {
  return normalizeName(name).match(RUNS) ?? [];
}

/**
 * Analyses a name into canonical tokens (see the top of this file for particles and articles).
 * Order is preserved; callers that need order-insensitivity use the key set or similarity().
 */
export function analyseName(name: string): NameToken[] {
  const words = rawWords(name);
  const tokens: NameToken[] = [];
  let particles: { text: string; script: 'arabic' | 'latin' }[] = [];
  let pendingArticle = false;

  const push = (text: string, script: 'arabic' | 'latin', strippedArticle: ArticleKind | null) => {
    if (text.length > 1) tokens.push({ text, script, strippedArticle });
  };

  words.forEach((word, index) => {
    const script = isArabicToken(word) ? 'arabic' : 'latin';
    const isLast = index === words.length - 1;
    const honorifics = script === 'arabic' ? ARABIC_HONORIFICS : LATIN_HONORIFICS;
    if (honorifics.has(word) && !(isLast && tokens.length === 0 && particles.length === 0)) return;

    const isArticle = script === 'arabic' ? word === ARABIC_ARTICLE : LATIN_ARTICLES.has(word);
    if (isArticle && !isLast) {
      pendingArticle = true;
      return;
    }

    const particle = isParticleWord(word, script);
    if (particle && !isLast) {
      particles.push({ text: particle.canonical, script });
      pendingArticle ||= particle.withArticle;
      return;
    }

    const isAllah = script === 'arabic' ? word === 'الله' : ['allah', 'ellah', 'alah'].includes(word);
    const previous = tokens.at(-1);
    if (isAllah && particles.length === 0 && previous?.script === script && index > 0) {
      tokens[tokens.length - 1] = { ...previous, text: previous.text + word };
      pendingArticle = false;
      return;
    }

    const glued = script === 'arabic' ? splitArabicArticle(word) : splitLatinArticle(word);
    const hasArticle = pendingArticle || glued !== null;
    const bare = glued?.rest ?? word;
    const kind = script === 'arabic' ? arabicArticleKind(bare) : latinArticleKind(bare);

    if (particles.length > 0) {
      const prefix = particles.map((p) => p.text).join('');
      let text: string;
      if (script === 'arabic') text = prefix + (hasArticle ? ARABIC_ARTICLE : '') + bare;
      else text = prefix + (hasArticle ? latinArticleJoin(bare) : bare);
      if (script === 'latin' && text.startsWith('abd')) text = canonicalLatinAbd(text);
      push(text, script, null);
    } else if (script === 'latin' && word.startsWith('abd')) {
      push(canonicalLatinAbd(word), script, null);
    } else {
      push(bare, script, hasArticle ? kind : null);
    }
    particles = [];
    pendingArticle = false;
  });
  return tokens;
}

/** Canonical tokens of a name: normalised, particles glued, leading articles and honorifics dropped. */
export function tokenize(name: string): string[] {
  return analyseName(name).map((token) => token.text);
}
