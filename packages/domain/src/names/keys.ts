// Search keys for blind indexing. The server stores, for each child, a keyed hash (HMAC with a national
// secret, so that duplicates are found across provinces) of every string returned by nameKeys(), and looks
// up the hashes of queryKeys()/typoQueryKeys(). Ranking then happens on the small decrypted candidate set
// with similarity(), for users allowed to see names.
//
// What is indexed, and why:
// - "sk:<skeleton>" per token, for every reading of the token (skeleton.ts). This is the main key: it makes
//   Arabic and Latin spellings meet, and it is per token so that token order and missing tokens do not matter.
//   No exact-spelling key is indexed: it would add nothing to recall, and exact hashes leak the most (a rare
//   spelling is close to an identifier, and equal hashes reveal equal names across records).
// - "cp:<core>+<core>" for every unordered pair of tokens of the name, and for every way of cutting one token
//   in two: it lets "Fatima Zahra" meet "Fatimazahra" and "Nour El Houda" meet "Nourelhouda".
// - "del:<skeleton minus one letter>" per token (only skeletons of 3 letters or more), for one typo: a
//   dropped, added, changed or swapped consonant ("Bejelloun" for Benjelloun). Query and record meet when
//   they share a deletion (symmetric deletion neighbourhoods), so the number of keys stays linear in the
//   length of the skeleton instead of growing with the alphabet.
//
// Trade-off. Skeletons are coarse on purpose: vowels are dropped, so Said/Saad/Souad share "sd", Amine/Imane
// share "amn", Ali and Alaoui stay apart only through the w. Coarse keys mean more candidates to decrypt and
// rank, but less leakage: a skeleton hash is shared by many names, so its frequency says less about any one
// child. Deletion keys multiply recall for typos but each one is shared by even more names; together with the
// skeleton they still identify a token's neighbourhood, so an attacker holding the index (not the secret) can
// link near-identical names across records. That linkage is the price of typo tolerance; callers that do not
// need typo search should only index and query sk:/cp: keys (filter on the prefix). Keys are returned as an
// unordered set, never with positions, so the index does not reveal which token was the family name.

import { core, type NameUnit, nameUnits } from './units';

const MIN_SKELETON_FOR_TYPOS = 3;
const MIN_CORE_FOR_COMPOUND = 2;

function deletions(skeleton: string): string[] {
  if (skeleton.length < MIN_SKELETON_FOR_TYPOS) return [];
  const result = new Set<string>();
  for (let i = 0; i < skeleton.length; i++) result.add(skeleton.slice(0, i) + skeleton.slice(i + 1));
  return [...result];
}

function compoundKey(a: string, b: string): string | null {
  if (a.length < MIN_CORE_FOR_COMPOUND || b.length < MIN_CORE_FOR_COMPOUND) return null;
  return `cp:${[a, b].sort().join('+')}`;
}

function pairKeys(first: NameUnit, second: NameUnit): string[] {
  const keys = [compoundKey(core(first.skeletons[0] ?? ''), core(second.skeletons[0] ?? ''))];
  const firstWithArticle = first.strippedArticle === 'moon' ? `l${core(first.skeletons[0] ?? '')}` : null;
  const secondWithArticle = second.strippedArticle === 'moon' ? `l${core(second.skeletons[0] ?? '')}` : null;
  if (firstWithArticle) keys.push(compoundKey(firstWithArticle, core(second.skeletons[0] ?? '')));
  if (secondWithArticle) keys.push(compoundKey(core(first.skeletons[0] ?? ''), secondWithArticle));
  return keys.filter((key): key is string => key !== null);
}

// Every cut of a glued token ("ftmzhr" → "ftm" + "zhr"); a cut right before an "l" is also offered without
// it, because that l may be the article of the second word (Nourelhouda).
function splitKeys(unit: NameUnit): string[] {
  const skeletonCore = core(unit.skeletons[0] ?? '');
  const keys: (string | null)[] = [];
  for (let cut = MIN_CORE_FOR_COMPOUND; cut <= skeletonCore.length - MIN_CORE_FOR_COMPOUND; cut++) {
    const left = skeletonCore.slice(0, cut);
    const right = skeletonCore.slice(cut);
    keys.push(compoundKey(left, right));
    if (right.startsWith('l')) keys.push(compoundKey(left, right.slice(1)));
  }
  return keys.filter((key): key is string => key !== null);
}

function exactGroup(units: readonly NameUnit[], index: number): Set<string> {
  const unit = units[index]!;
  const group = new Set<string>(unit.skeletons.map((s) => `sk:${s}`));
  for (const key of splitKeys(unit)) group.add(key);
  units.forEach((other, otherIndex) => {
    if (otherIndex === index) return;
    // The record may have this token glued to another one (Fatimazahra searched as Fatima Zahra).
    for (const key of pairKeys(unit, other)) group.add(key);
  });
  return group;
}

/** Keys to blind-index for a stored name (see the top of this file). Sorted, without duplicates. */
export function nameKeys(name: string): string[] {
  const units = nameUnits(name);
  const keys = new Set<string>();
  units.forEach((unit, index) => {
    for (const s of unit.skeletons) keys.add(`sk:${s}`);
    for (const d of deletions(unit.skeletons[0] ?? '')) keys.add(`del:${d}`);
    for (const key of splitKeys(unit)) keys.add(key);
    units.slice(index + 1).forEach((other) => {
      for (const key of pairKeys(unit, other)) keys.add(key);
    });
  });
  return [...keys].sort();
}

/**
 * Keys to look up for a search, one group per query token. A record matches when it has at least one key
 * of every group; records hitting fewer groups are partial matches (the query has a token the record lacks).
 */
export function queryKeys(query: string): string[][] {
  const units = nameUnits(query);
  return units.map((_, index) => [...exactGroup(units, index)].sort());
}

/** Like queryKeys(), with every group widened to tolerate one typo per token (look these up second). */
export function typoQueryKeys(query: string): string[][] {
  const units = nameUnits(query);
  return units.map((unit, index) => {
    const group = exactGroup(units, index);
    const primary = unit.skeletons[0] ?? '';
    for (const d of deletions(primary)) {
      // The record has one letter less than the query, or one letter different (both sides lose it).
      group.add(`sk:${d}`);
      group.add(`del:${d}`);
    }
    // The record has one letter more than the query.
    for (const s of unit.skeletons) if (s.length >= MIN_SKELETON_FOR_TYPOS - 1) group.add(`del:${s}`);
    return [...group].sort();
  });
}
