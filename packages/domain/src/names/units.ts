// Tokens plus their skeletons: the shared input of key generation and similarity ranking.

import { skeletonVariants } from './skeleton';
import { analyseName, latinArticleJoin, type NameToken } from './tokenize';

export interface NameUnit extends NameToken {
  /** Skeleton readings, the primary one first. */
  readonly skeletons: readonly string[];
}

/** Beyond this many tokens a name is almost certainly several fields pasted together; extra ones are ignored. */
export const MAX_TOKENS = 8;

const MARKER = 'a';

/** The skeleton without its vowel markers, used where a token is glued to another one. */
export function core(skeleton: string): string {
  let result = skeleton;
  if (result.startsWith(MARKER)) result = result.slice(1);
  if (result.endsWith(MARKER)) result = result.slice(0, -1);
  return result;
}

function collapse(text: string): string {
  return [...text].filter((letter, index, letters) => letter !== letters[index - 1]).join('');
}

export function toUnit(token: NameToken): NameUnit {
  const skeletons = skeletonVariants(token.text);
  const primary = skeletons[0] ?? '';
  // A dropped article before a moon letter is often written as a bare L in Latin: العمراني = Lamrani.
  const withArticle = token.strippedArticle === 'moon' ? [collapse(`l${primary.replace(/^a/, '')}`)] : [];
  return { ...token, skeletons: [...new Set([...skeletons, ...withArticle])] };
}

export function nameUnits(name: string): NameUnit[] {
  return analyseName(name).slice(0, MAX_TOKENS).map(toUnit);
}

/**
 * Skeletons of two adjacent tokens written as one word (Fatima Zahra → Fatimazahra): the first loses its final
 * vowel marker, the second its leading one, and a moon-letter article in between may appear as "l".
 */
export function gluedSkeletons(first: NameUnit, second: NameUnit): string[] {
  const left = (first.skeletons[0] ?? '').replace(/a$/, '');
  const right = (second.skeletons[0] ?? '').replace(/^a/, '');
  const plain = collapse(left + right);
  return second.strippedArticle === 'moon' ? [plain, collapse(`${left}l${right}`)] : [plain];
}

export function glueUnits(first: NameUnit, second: NameUnit): NameUnit {
  let text = first.text + second.text;
  if (second.strippedArticle !== null && first.script === second.script) {
    text = first.text + (first.script === 'arabic' ? `ال${second.text}` : latinArticleJoin(second.text));
  }
  return {
    text,
    script: first.script,
    strippedArticle: first.strippedArticle,
    skeletons: gluedSkeletons(first, second),
  };
}
