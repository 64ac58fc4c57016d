import taxonomies from './reference/taxonomies.json' with { type: 'json' };
import territoriesFile from './reference/territories.json' with { type: 'json' };

/**
 * The starting reference data (copied from the shared reference folder into the product): Morocco's
 * regions, prefectures and provinces, Casablanca's prefectures of arrondissements, and the
 * taxonomies of the brief. The server loads them into the database at start.
 */
export interface ReferenceTerritory {
  code: string;
  regionCode: string;
  kind: string;
  nameAr: string;
  nameFr: string;
  hcpCode: string | null;
  pilot: boolean;
  parentCode: string | null;
  caseCodePrefix: string;
}

export interface ReferenceItem {
  code: string;
  ar: string;
  fr: string;
  en: string;
}

// The pilots' prefixes are the abbreviations people already use (the brief's example is TNG).
const KNOWN_PREFIXES: Record<string, string> = {
  'tanger-assilah': 'TNG',
  rabat: 'RBT',
  sale: 'SLE',
  'casablanca-anfa': 'CAN',
  meknes: 'MKN',
  marrakech: 'MRK',
  'agadir-ida-outanane': 'AGD',
  laayoune: 'LYN',
};

/** A three-letter prefix from the name's consonants, made unique in file order. */
function prefixFor(code: string, taken: Set<string>): string {
  const known = KNOWN_PREFIXES[code];
  if (known) return known;
  const letters = code.toUpperCase().replace(/[^A-Z]/g, '');
  const consonants = letters[0] + letters.slice(1).replace(/[AEIOUY]/g, '');
  const pool = `${consonants}${letters}`;
  for (let i = 1; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      const candidate = `${pool[0]}${pool[i]}${pool[j]}`;
      if (!taken.has(candidate)) return candidate;
    }
  }
  for (let n = 0; ; n++) {
    const candidate = `${letters.slice(0, 2)}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

interface RawTerritory {
  code: string;
  hcp?: string;
  kind: string;
  fr: string;
  ar: string;
  pilot?: boolean;
  arrondissements?: RawTerritory[];
}

function flatten(): {
  regions: { code: string; nameAr: string; nameFr: string }[];
  territories: ReferenceTerritory[];
} {
  const taken = new Set(Object.values(KNOWN_PREFIXES));
  const territories: ReferenceTerritory[] = [];
  const add = (t: RawTerritory, regionCode: string, parentCode: string | null) => {
    const caseCodePrefix = prefixFor(t.code, taken);
    taken.add(caseCodePrefix);
    territories.push({
      code: t.code,
      regionCode,
      kind: t.kind,
      nameAr: t.ar,
      nameFr: t.fr,
      hcpCode: t.hcp ?? null,
      pilot: t.pilot === true,
      parentCode,
      caseCodePrefix,
    });
    for (const child of t.arrondissements ?? []) add(child, regionCode, t.code);
  };
  const regions = territoriesFile.regions.map((r) => {
    for (const t of r.territories as RawTerritory[]) add(t, r.code, null);
    return { code: r.code, nameAr: r.ar, nameFr: r.fr };
  });
  return { regions, territories };
}

export const referenceTerritories = flatten();
export const referenceTaxonomies = taxonomies as unknown as Record<string, unknown> & {
  sectors: ReferenceItem[];
  circuit_stages: ReferenceItem[];
  harm_forms: ReferenceItem[];
  child_situations: ReferenceItem[];
  report_sources: ReferenceItem[];
  danger_levels: ReferenceItem[];
  closure_reasons: ReferenceItem[];
};
