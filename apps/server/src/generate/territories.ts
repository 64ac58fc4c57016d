import { type ReferenceTerritory, referenceTerritories } from '@madar/domain';

/**
 * Where the synthetic children live: every territory that holds a DTIPE — the prefectures and
 * provinces, Casablanca through its eight prefectures of arrondissements — weighted by population
 * (2024 census, thousands, rounded) with a little more weight for rural provinces, where children
 * are a larger share of the population. Coordinates are those of the seat (institutions are placed
 * around them); `area` is the landline prefix.
 */
const FACTS: Record<string, [population: number, lat: number, lng: number]> = {
  'tanger-assilah': [1275, 35.767, -5.8],
  'mdiq-fnideq': [230, 35.685, -5.325],
  tetouan: [600, 35.572, -5.372],
  'fahs-anjra': [80, 35.76, -5.56],
  larache: [490, 35.193, -6.156],
  'al-hoceima': [400, 35.247, -3.932],
  chefchaouen: [460, 35.171, -5.27],
  ouezzane: [300, 34.797, -5.58],
  'oujda-angad': [560, 34.681, -1.909],
  nador: [590, 35.168, -2.933],
  driouch: [210, 34.977, -3.387],
  jerada: [100, 34.31, -2.16],
  berkane: [300, 34.92, -2.32],
  taourirt: [230, 34.407, -2.897],
  guercif: [220, 34.226, -3.353],
  figuig: [140, 32.109, -1.229],
  fes: [1260, 34.033, -5.0],
  meknes: [980, 33.895, -5.547],
  'el-hajeb': [250, 33.686, -5.37],
  ifrane: [160, 33.527, -5.107],
  'moulay-yacoub': [180, 34.087, -5.18],
  sefrou: [300, 33.83, -4.837],
  boulemane: [200, 33.362, -4.73],
  taounate: [650, 34.536, -4.64],
  taza: [520, 34.21, -4.01],
  rabat: [520, 34.021, -6.842],
  sale: [1000, 34.053, -6.798],
  'skhirate-temara': [720, 33.928, -6.907],
  kenitra: [1200, 34.261, -6.58],
  khemisset: [560, 33.824, -6.066],
  'sidi-kacem': [520, 34.226, -5.708],
  'sidi-slimane': [320, 34.265, -5.925],
  'beni-mellal': [580, 32.337, -6.35],
  azilal: [560, 31.962, -6.57],
  'fquih-ben-salah': [520, 32.5, -6.69],
  khenifra: [370, 32.935, -5.668],
  khouribga: [510, 32.881, -6.906],
  casablanca: [0, 33.573, -7.59],
  'casablanca-anfa': [430, 33.595, -7.632],
  'al-fida-mers-sultan': [290, 33.578, -7.6],
  'ain-sebaa-hay-mohammadi': [360, 33.6, -7.54],
  'hay-hassani': [470, 33.553, -7.675],
  'ain-chock': [330, 33.54, -7.6],
  'sidi-bernoussi': [500, 33.61, -7.49],
  'ben-msick': [330, 33.55, -7.56],
  'moulay-rachid': [510, 33.545, -7.53],
  mohammedia: [430, 33.686, -7.383],
  'el-jadida': [800, 33.254, -8.506],
  nouaceur: [500, 33.367, -7.58],
  mediouna: [260, 33.453, -7.516],
  benslimane: [240, 33.618, -7.121],
  berrechid: [560, 33.265, -7.587],
  settat: [620, 33.001, -7.616],
  'sidi-bennour': [450, 32.65, -8.43],
  marrakech: [1400, 31.63, -7.981],
  chichaoua: [390, 31.543, -8.764],
  'al-haouz': [590, 31.33, -7.82],
  'el-kelaa-des-sraghna': [540, 32.05, -7.41],
  essaouira: [440, 31.513, -9.77],
  rehamna: [310, 32.236, -7.95],
  safi: [700, 32.3, -9.237],
  youssoufia: [260, 32.246, -8.53],
  errachidia: [440, 31.931, -4.425],
  ouarzazate: [300, 30.919, -6.893],
  midelt: [300, 32.68, -4.74],
  tinghir: [330, 31.515, -5.533],
  zagora: [320, 30.332, -5.838],
  'agadir-ida-outanane': [640, 30.428, -9.598],
  'inezgane-ait-melloul': [600, 30.355, -9.545],
  'chtouka-ait-baha': [430, 30.07, -9.15],
  taroudant: [870, 30.47, -8.877],
  tiznit: [210, 29.698, -9.731],
  tata: [110, 29.743, -7.973],
  guelmim: [190, 28.987, -10.057],
  'assa-zag': [45, 28.61, -9.427],
  'tan-tan': [90, 28.438, -11.103],
  'sidi-ifni': [110, 29.379, -10.173],
  laayoune: [300, 27.154, -13.203],
  boujdour: [65, 26.126, -14.484],
  tarfaya: [20, 27.938, -12.926],
  'es-semara': [70, 26.74, -11.672],
  'oued-ed-dahab': [180, 23.684, -15.958],
  aousserd: [20, 22.55, -14.33],
};

/** Landline prefix of each region (05XX). */
const AREA_BY_REGION: Record<string, string> = {
  '01': '0539',
  '02': '0536',
  '03': '0535',
  '04': '0537',
  '05': '0523',
  '06': '0522',
  '07': '0524',
  '08': '0535',
  '09': '0528',
  '10': '0528',
  '11': '0528',
  '12': '0528',
};

/** Territories along the migration routes, where unaccompanied migrant children are met. */
export const MIGRATION_TERRITORIES = new Set([
  'tanger-assilah',
  'mdiq-fnideq',
  'tetouan',
  'nador',
  'oujda-angad',
  'laayoune',
  'oued-ed-dahab',
  'tarfaya',
]);

export interface GenerationTerritory {
  code: string;
  regionCode: string;
  prefix: string;
  nameFr: string;
  nameAr: string;
  /** The seat's name without "Préfecture de"/"عمالة": how people name the place. */
  cityFr: string;
  cityAr: string;
  rural: boolean;
  weight: number;
  lat: number;
  lng: number;
  area: string;
  /** How large its CAPE is: the share of the largest territory's weight, 0–1. */
  size: number;
}

const hasChildren = (t: ReferenceTerritory) =>
  referenceTerritories.territories.some((other) => other.parentCode === t.code);

function build(): GenerationTerritory[] {
  const list = referenceTerritories.territories
    .filter((t) => !hasChildren(t))
    .map((t) => {
      const facts = FACTS[t.code];
      if (!facts) throw new Error(`generate/territories.ts: no population for ${t.code}`);
      const rural = t.kind === 'province';
      return {
        code: t.code,
        regionCode: t.regionCode,
        prefix: t.caseCodePrefix,
        nameFr: t.nameFr,
        nameAr: t.nameAr,
        cityFr: t.nameFr,
        cityAr: t.nameAr.replace(/^(عمالة مقاطعات|عمالة|إقليم)\s+/, ''),
        rural,
        weight: facts[0] * (rural ? 1.1 : 1),
        lat: facts[1],
        lng: facts[2],
        area: AREA_BY_REGION[t.regionCode] ?? '0537',
        size: 0,
      };
    });
  const max = Math.max(...list.map((t) => t.weight));
  for (const t of list) t.size = t.weight / max;
  return list;
}

/** The DTIPE territories, in reference order. */
export const GENERATION_TERRITORIES: readonly GenerationTerritory[] = build();
