// Ranking of a small decrypted candidate set. Scores are tiered so that ordering by score gives:
// identical spelling (1) > same sounds in another spelling or script (0.85–0.9) > one typo (below 0.85).
// Token order does not matter and a missing token costs less than a different one: "Amine Alaoui" is close
// to "Mohamed Amine Alaoui", but "Karim Benjelloun" is not close to "Karima Benjelloun".

import { skeletonDistance, spellingDistance } from './distance';
import { glueUnits, type NameUnit, nameUnits } from './units';

/** Two names at or above this similarity are treated as the same name (search hit, duplicate warning). */
export const MATCH_THRESHOLD = 0.6;

const SAME_SKELETON = 0.9;
const SPELLING_SPREAD = 0.05;
const TYPO_CEILING = 0.84;
// A matched token pair below this is a different name, not a variant: it caps the whole score.
const CONFLICT_BELOW = 0.5;
const MISSING_TOKEN_FACTOR = 0.9;

function unitSimilarity(a: NameUnit, b: NameUnit): number {
  if (a.text === b.text) return 1;
  let best = 0;
  for (const x of a.skeletons) {
    for (const y of b.skeletons) {
      let score: number;
      if (x === y) {
        // Same script: the closer spelling ranks first among equal-sounding candidates.
        const spread =
          a.script === b.script
            ? (SPELLING_SPREAD * spellingDistance(a.text, b.text)) / Math.max(a.text.length, b.text.length)
            : SPELLING_SPREAD;
        score = SAME_SKELETON - Math.min(spread, SPELLING_SPREAD);
      } else {
        const length = Math.max(x.length, y.length);
        score = Math.min(TYPO_CEILING, SAME_SKELETON * Math.max(0, 1 - skeletonDistance(x, y) / length));
      }
      best = Math.max(best, score);
    }
  }
  return best;
}

/** Every token of one name against every token of the other: computed once, read by both alignments. */
function pairScores(a: readonly NameUnit[], b: readonly NameUnit[]): number[][] {
  return a.map((x) => b.map((y) => unitSimilarity(x, y)));
}

/**
 * Greedy alignment: the best-scoring pairs first, each token used once. `transposed` aligns b against a
 * (same scores, the other name's order breaking ties), as alignment from the other side would.
 */
function alignmentScore(scores: number[][], lengthA: number, lengthB: number, transposed: boolean): number {
  const pairs: { i: number; j: number; score: number }[] = [];
  const [rows, columns] = transposed ? [lengthB, lengthA] : [lengthA, lengthB];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      pairs.push({ i, j, score: transposed ? scores[j]![i]! : scores[i]![j]! });
    }
  }
  pairs.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const matched: number[] = [];
  for (const pair of pairs) {
    if (usedA.has(pair.i) || usedB.has(pair.j)) continue;
    usedA.add(pair.i);
    usedB.add(pair.j);
    matched.push(pair.score);
  }
  if (matched.length === 0) return 0;
  const mean = matched.reduce((sum, score) => sum + score, 0) / matched.length;
  const score = mean * MISSING_TOKEN_FACTOR ** Math.abs(lengthA - lengthB);
  const worst = Math.min(...matched);
  if (worst < CONFLICT_BELOW) return Math.min(score, worst);
  // One typo anywhere keeps the name in the typo tier, below every error-free spelling of it.
  return worst <= TYPO_CEILING ? Math.min(score, TYPO_CEILING) : score;
}

// Every way of gluing two adjacent tokens (Fatima Zahra → Fatimazahra).
function gluedReadings(units: readonly NameUnit[]): NameUnit[][] {
  const result: NameUnit[][] = [];
  for (let i = 0; i + 1 < units.length; i++) {
    result.push([...units.slice(0, i), glueUnits(units[i]!, units[i + 1]!), ...units.slice(i + 2)]);
  }
  return result;
}

/** A name analysed once, to be compared with many (a search query against its candidates). */
export interface PreparedName {
  readonly units: readonly NameUnit[];
  readonly glued: readonly NameUnit[][];
}

export function prepareName(name: string): PreparedName {
  const units = nameUnits(name);
  return { units, glued: gluedReadings(units) };
}

function readingScore(x: readonly NameUnit[], y: readonly NameUnit[]): number {
  const scores = pairScores(x, y);
  return Math.max(
    alignmentScore(scores, x.length, y.length, false),
    alignmentScore(scores, x.length, y.length, true),
  );
}

/** similarity() of two prepared names. */
export function preparedSimilarity(a: PreparedName, b: PreparedName): number {
  if (a.units.length === 0 || b.units.length === 0) return 0;
  // Only one side is glued at a time: gluing both would hide the final vowel of the first token
  // (Karim Benjelloun and Karima Benjelloun would both become "krmbnjln").
  let best = readingScore(a.units, b.units);
  for (const glued of a.glued) best = Math.max(best, readingScore(glued, b.units));
  for (const glued of b.glued) best = Math.max(best, readingScore(a.units, glued));
  return Math.round(best * 1000) / 1000;
}

/** Similarity of two names in 0..1, symmetric, insensitive to token order, script and common spellings. */
export function similarity(a: string, b: string): number {
  return preparedSimilarity(prepareName(a), prepareName(b));
}
