import { referenceTaxonomies } from '@madar/domain';

type ListName =
  | 'report_sources'
  | 'harm_forms'
  | 'child_situations'
  | 'closure_reasons'
  | 'danger_levels'
  | 'circuit_stages';

const sets = new Map<ListName, Set<string>>();

/** Whether a code belongs to a reference list (the taxonomies shipped with Madar). */
export function isReferenceCode(list: ListName, code: string): boolean {
  let set = sets.get(list);
  if (!set) {
    set = new Set(referenceTaxonomies[list].map((i) => i.code));
    sets.set(list, set);
  }
  return set.has(code);
}

/** Field problems for the codes of a list that are not in it (`path.index`). */
export function unknownCodes(list: ListName, codes: readonly string[], path: string) {
  return codes.flatMap((code, i) =>
    isReferenceCode(list, code) ? [] : [{ path: `${path}.${i}`, code: 'unknown_code' }],
  );
}
