// Edit distances for ranking. Skeleton distance is weighted: a one-letter typo in a consonant costs 1, but
// adding or removing a vowel marker changes the name itself (Karim/Karima, Ahmed/Hamed), so it costs more;
// a final vowel against a final h or t is cheap because taa marbuta and a silent h are spelled that way
// (Hayat = حياة, Wajih = وجيه).

const MARKER = 'a';
const LEADING_MARKER_COST = 1.5;
const TRAILING_MARKER_COST = 2;
const SOFT_ENDING_COST = 0.5;

function indelCost(letter: string, index: number): number {
  if (letter !== MARKER) return 1;
  return index === 0 ? LEADING_MARKER_COST : TRAILING_MARKER_COST;
}

function substitutionCost(a: string, aIndex: number, b: string, bIndex: number): number {
  if (a === b) return 0;
  if (a !== MARKER && b !== MARKER) return 1;
  const [markerIndex, other] = a === MARKER ? [aIndex, b] : [bIndex, a];
  if (markerIndex > 0 && (other === 'h' || other === 't')) return SOFT_ENDING_COST;
  // Turning a vowel marker into a consonant is as bad as losing the marker.
  return indelCost(MARKER, markerIndex);
}

// One matrix reused by every call (names are short; ranking a search compares thousands of pairs).
let matrix = new Float64Array(64 * 64);
function table(rows: number, columns: number): Float64Array {
  if (matrix.length < rows * columns) matrix = new Float64Array(rows * columns * 2);
  return matrix;
}

/**
 * Weighted optimal-string-alignment (restricted Damerau–Levenshtein) distance between two skeletons:
 * insertions, deletions, substitutions and swaps of adjacent consonants.
 */
export function skeletonDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d = table(rows, columns);
  d[0] = 0;
  for (let i = 1; i < rows; i++) d[i * columns] = d[(i - 1) * columns]! + indelCost(a[i - 1]!, i - 1);
  for (let j = 1; j < columns; j++) d[j] = d[j - 1]! + indelCost(b[j - 1]!, j - 1);
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const x = a[i - 1]!;
      const y = b[j - 1]!;
      let best = Math.min(
        d[(i - 1) * columns + j]! + indelCost(x, i - 1),
        d[i * columns + j - 1]! + indelCost(y, j - 1),
        d[(i - 1) * columns + j - 1]! + substitutionCost(x, i - 1, y, j - 1),
      );
      const swappable = i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y && x !== MARKER && y !== MARKER;
      if (swappable) best = Math.min(best, d[(i - 2) * columns + j - 2]! + 1);
      d[i * columns + j] = best;
    }
  }
  return d[rows * columns - 1]!;
}

/** Unweighted optimal-string-alignment distance, for comparing two spellings in the same script. */
export function spellingDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const columns = y.length + 1;
  const d = table(x.length + 1, columns);
  for (let j = 0; j < columns; j++) d[j] = j;
  for (let i = 1; i <= x.length; i++) {
    d[i * columns] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * columns + j]! + 1,
        d[i * columns + j - 1]! + 1,
        d[(i - 1) * columns + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, d[(i - 2) * columns + j - 2]! + 1);
      d[i * columns + j] = best;
    }
  }
  return d[x.length * columns + y.length]!;
}
