/**
 * Fictitious Moroccan names for demo children, in Arabic and in a common Latin spelling. Common
 * names on purpose: the demo must show how search copes with many Mohamed, Fatima and Alaoui.
 */
export const FIRST_NAMES: { ar: string; latin: string; sex: 'male' | 'female' }[] = [
  { ar: 'محمد', latin: 'Mohamed', sex: 'male' },
  { ar: 'يوسف', latin: 'Youssef', sex: 'male' },
  { ar: 'أيوب', latin: 'Ayoub', sex: 'male' },
  { ar: 'حمزة', latin: 'Hamza', sex: 'male' },
  { ar: 'آدم', latin: 'Adam', sex: 'male' },
  { ar: 'إلياس', latin: 'Ilyas', sex: 'male' },
  { ar: 'عبد اللطيف', latin: 'Abdellatif', sex: 'male' },
  { ar: 'كريم', latin: 'Karim', sex: 'male' },
  { ar: 'أمين', latin: 'Amine', sex: 'male' },
  { ar: 'رشيد', latin: 'Rachid', sex: 'male' },
  { ar: 'عثمان', latin: 'Othmane', sex: 'male' },
  { ar: 'مهدي', latin: 'Mehdi', sex: 'male' },
  { ar: 'فاطمة الزهراء', latin: 'Fatima Zahra', sex: 'female' },
  { ar: 'فاطمة', latin: 'Fatima', sex: 'female' },
  { ar: 'مريم', latin: 'Meryem', sex: 'female' },
  { ar: 'خديجة', latin: 'Khadija', sex: 'female' },
  { ar: 'سلمى', latin: 'Salma', sex: 'female' },
  { ar: 'هبة', latin: 'Hiba', sex: 'female' },
  { ar: 'نور الهدى', latin: 'Nour El Houda', sex: 'female' },
  { ar: 'إيمان', latin: 'Imane', sex: 'female' },
  { ar: 'غيثة', latin: 'Ghita', sex: 'female' },
  { ar: 'سناء', latin: 'Sanae', sex: 'female' },
  { ar: 'هاجر', latin: 'Hajar', sex: 'female' },
  { ar: 'ياسمين', latin: 'Yasmine', sex: 'female' },
];

export const FAMILY_NAMES: { ar: string; latin: string }[] = [
  { ar: 'العلوي', latin: 'El Alaoui' },
  { ar: 'بنجلون', latin: 'Benjelloun' },
  { ar: 'الإدريسي', latin: 'El Idrissi' },
  { ar: 'الشرايبي', latin: 'Chraibi' },
  { ar: 'برادة', latin: 'Berrada' },
  { ar: 'التازي', latin: 'Tazi' },
  { ar: 'الفاسي', latin: 'El Fassi' },
  { ar: 'أيت الطالب', latin: 'Ait Taleb' },
  { ar: 'بناني', latin: 'Bennani' },
  { ar: 'العمراني', latin: 'Lamrani' },
  { ar: 'الطاهري', latin: 'Tahiri' },
  { ar: 'القاسمي', latin: 'Kassimi' },
  { ar: 'الوزاني', latin: 'Ouazzani' },
  { ar: 'الصقلي', latin: 'Sqalli' },
  { ar: 'بوزيدي', latin: 'Bouzidi' },
  { ar: 'أمزيان', latin: 'Amziane' },
];

export const FATHER_NAMES = ['أحمد', 'محمد', 'عبد الرحيم', 'مصطفى', 'الحسن', 'إدريس', 'عبد الله', 'سعيد'];
export const MOTHER_NAMES = ['فاطمة', 'عائشة', 'زينب', 'نعيمة', 'رشيدة', 'لطيفة', 'حليمة', 'مليكة'];

// ---------------------------------------------------------------------------------------------
// Names with their frequencies, for national-scale synthetic data (src/generate). They extend the
// demo's lists above (same names, plus the other frequent ones), each with the Latin spellings the
// civil status, schools and police actually use, so that search meets what it meets in real life:
// thousands of Mohamed, Fatima and Alaoui, each written three ways. Weights are relative
// frequencies among children born 2008–2026 (rough orders of magnitude, not statistics).
// ---------------------------------------------------------------------------------------------

export interface NameFrequency {
  ar: string;
  /** Latin spellings, the most common first. */
  latin: readonly string[];
  weight: number;
}
export interface FirstNameFrequency extends NameFrequency {
  sex: 'male' | 'female';
}

/** Weight and other spellings of the demo's first names (keyed by the demo's spelling). */
const DEMO_FIRST_NAME_FREQUENCIES: Record<string, { weight: number; also?: string[] }> = {
  Mohamed: { weight: 130, also: ['Mohammed', 'Mohamad', 'Mouhamed'] },
  Youssef: { weight: 45, also: ['Youssouf', 'Yousef'] },
  Ayoub: { weight: 32, also: ['Ayyoub'] },
  Hamza: { weight: 30 },
  Adam: { weight: 28 },
  Ilyas: { weight: 22, also: ['Ilias', 'Iliass'] },
  Abdellatif: { weight: 4, also: ['Abdelatif', 'Abd El Latif'] },
  Karim: { weight: 8, also: ['Krim'] },
  Amine: { weight: 24, also: ['Amin'] },
  Rachid: { weight: 3, also: ['Rachide'] },
  Othmane: { weight: 16, also: ['Otmane', 'Outhmane'] },
  Mehdi: { weight: 16, also: ['El Mehdi'] },
  'Fatima Zahra': { weight: 36, also: ['Fatimazahra', 'Fatima-Zahra', 'Fatim Zahra'] },
  Fatima: { weight: 50, also: ['Fatema', 'Fatna'] },
  Meryem: { weight: 34, also: ['Maryam', 'Mariam'] },
  Khadija: { weight: 28, also: ['Khadidja', 'Khaddouj'] },
  Salma: { weight: 24 },
  Hiba: { weight: 20, also: ['Hibat'] },
  'Nour El Houda': { weight: 10, also: ['Nourelhouda', 'Nour Elhouda'] },
  Imane: { weight: 18, also: ['Imane', 'Iman'] },
  Ghita: { weight: 12, also: ['Ghyta'] },
  Sanae: { weight: 10, also: ['Sanaa'] },
  Hajar: { weight: 20, also: ['Hajjar'] },
  Yasmine: { weight: 20, also: ['Yasmina', 'Yassmine'] },
};

const MORE_FIRST_NAMES: FirstNameFrequency[] = [
  { ar: 'أنس', latin: ['Anas', 'Anass'], weight: 20, sex: 'male' },
  { ar: 'زكرياء', latin: ['Zakaria', 'Zakariae', 'Zakariya'], weight: 22, sex: 'male' },
  { ar: 'إسماعيل', latin: ['Ismail', 'Smail'], weight: 15, sex: 'male' },
  { ar: 'عمر', latin: ['Omar', 'Oumar'], weight: 18, sex: 'male' },
  { ar: 'علي', latin: ['Ali'], weight: 12, sex: 'male' },
  { ar: 'إبراهيم', latin: ['Brahim', 'Ibrahim'], weight: 12, sex: 'male' },
  { ar: 'الحسن', latin: ['Hassan', 'El Hassan', 'Lahcen'], weight: 8, sex: 'male' },
  { ar: 'الحسين', latin: ['Houssine', 'El Houssine', 'Hussein'], weight: 6, sex: 'male' },
  { ar: 'عبد الله', latin: ['Abdellah', 'Abdallah', 'Abdelah'], weight: 12, sex: 'male' },
  { ar: 'عبد الرحمن', latin: ['Abderrahmane', 'Abderahmane'], weight: 8, sex: 'male' },
  { ar: 'بلال', latin: ['Bilal', 'Bilale'], weight: 10, sex: 'male' },
  { ar: 'ياسين', latin: ['Yassine', 'Yacine', 'Yasin'], weight: 22, sex: 'male' },
  { ar: 'سفيان', latin: ['Soufiane', 'Sofiane'], weight: 12, sex: 'male' },
  { ar: 'وليد', latin: ['Walid', 'Oualid'], weight: 10, sex: 'male' },
  { ar: 'نوفل', latin: ['Naoufal', 'Nawfal'], weight: 5, sex: 'male' },
  { ar: 'صلاح الدين', latin: ['Salaheddine', 'Salah Eddine'], weight: 6, sex: 'male' },
  { ar: 'محمد أمين', latin: ['Mohamed Amine', 'Mohammed Amine', 'Med Amine'], weight: 16, sex: 'male' },
  { ar: 'أسامة', latin: ['Oussama', 'Ossama', 'Oussema'], weight: 15, sex: 'male' },
  { ar: 'ريان', latin: ['Rayane', 'Rayan'], weight: 18, sex: 'male' },
  { ar: 'إدريس', latin: ['Driss', 'Idriss'], weight: 6, sex: 'male' },
  { ar: 'سعيد', latin: ['Said', 'Saïd'], weight: 5, sex: 'male' },
  { ar: 'مروان', latin: ['Marouane', 'Marwane', 'Marwan'], weight: 10, sex: 'male' },
  { ar: 'طه', latin: ['Taha'], weight: 10, sex: 'male' },
  { ar: 'أشرف', latin: ['Achraf', 'Ashraf'], weight: 8, sex: 'male' },
  { ar: 'عادل', latin: ['Adil', 'Adel'], weight: 4, sex: 'male' },
  { ar: 'نبيل', latin: ['Nabil'], weight: 3, sex: 'male' },
  { ar: 'هشام', latin: ['Hicham', 'Hisham'], weight: 3, sex: 'male' },
  { ar: 'خالد', latin: ['Khalid', 'Khaled'], weight: 5, sex: 'male' },
  { ar: 'زياد', latin: ['Ziad', 'Zyad'], weight: 8, sex: 'male' },
  { ar: 'سليمان', latin: ['Soulaimane', 'Soulaymane', 'Slimane'], weight: 6, sex: 'male' },
  { ar: 'عبد الصمد', latin: ['Abdessamad', 'Abdessamade'], weight: 5, sex: 'male' },
  { ar: 'أيمن', latin: ['Aymane', 'Ayman'], weight: 12, sex: 'male' },
  { ar: 'يونس', latin: ['Younes', 'Younesse', 'Yones'], weight: 12, sex: 'male' },
  { ar: 'ياسر', latin: ['Yasser', 'Yaser'], weight: 5, sex: 'male' },
  { ar: 'عبد الإله', latin: ['Abdelilah', 'Abdelillah'], weight: 5, sex: 'male' },
  { ar: 'نزار', latin: ['Nizar'], weight: 5, sex: 'male' },
  { ar: 'آية', latin: ['Aya', 'Aaya'], weight: 30, sex: 'female' },
  { ar: 'زينب', latin: ['Zineb', 'Zaynab', 'Zeineb'], weight: 25, sex: 'female' },
  { ar: 'عائشة', latin: ['Aicha', 'Aïcha', 'Aisha'], weight: 18, sex: 'female' },
  { ar: 'أسماء', latin: ['Asmae', 'Asmaa', 'Asma'], weight: 15, sex: 'female' },
  { ar: 'نادية', latin: ['Nadia'], weight: 3, sex: 'female' },
  { ar: 'نبيلة', latin: ['Nabila'], weight: 2, sex: 'female' },
  { ar: 'كوثر', latin: ['Kaoutar', 'Kawtar', 'Kaouthar'], weight: 15, sex: 'female' },
  { ar: 'وئام', latin: ['Wiam', 'Ouiam'], weight: 12, sex: 'female' },
  { ar: 'شيماء', latin: ['Chaimae', 'Chaima', 'Chaymae'], weight: 18, sex: 'female' },
  { ar: 'إكرام', latin: ['Ikram', 'Ikrame'], weight: 12, sex: 'female' },
  { ar: 'رانية', latin: ['Rania', 'Ranya'], weight: 12, sex: 'female' },
  { ar: 'دعاء', latin: ['Douae', 'Doaa', 'Douaa'], weight: 12, sex: 'female' },
  { ar: 'سارة', latin: ['Sara', 'Sarah'], weight: 18, sex: 'female' },
  { ar: 'جنات', latin: ['Jannat', 'Jannate'], weight: 8, sex: 'female' },
  { ar: 'لينا', latin: ['Lina', 'Lyna'], weight: 12, sex: 'female' },
  { ar: 'ملاك', latin: ['Malak', 'Malake'], weight: 15, sex: 'female' },
  { ar: 'هند', latin: ['Hind'], weight: 6, sex: 'female' },
  { ar: 'حنان', latin: ['Hanane', 'Hanan'], weight: 5, sex: 'female' },
  { ar: 'نسرين', latin: ['Nisrine', 'Nesrine'], weight: 6, sex: 'female' },
  { ar: 'سكينة', latin: ['Soukaina', 'Soukayna', 'Sokaina'], weight: 15, sex: 'female' },
  { ar: 'أميمة', latin: ['Oumaima', 'Oumayma', 'Omayma'], weight: 15, sex: 'female' },
  { ar: 'إلهام', latin: ['Ilham', 'Ilhame'], weight: 4, sex: 'female' },
  { ar: 'لمياء', latin: ['Lamiae', 'Lamia'], weight: 5, sex: 'female' },
  { ar: 'نهيلة', latin: ['Nouhaila', 'Nohaila', 'Nouhayla'], weight: 15, sex: 'female' },
  { ar: 'سهام', latin: ['Siham'], weight: 4, sex: 'female' },
  { ar: 'رحمة', latin: ['Rahma'], weight: 8, sex: 'female' },
  { ar: 'وصال', latin: ['Wissal', 'Wissale'], weight: 8, sex: 'female' },
  { ar: 'بشرى', latin: ['Bouchra', 'Bochra'], weight: 4, sex: 'female' },
];

/** First names of children with their frequencies: the demo's names first, then the others. */
export const FIRST_NAME_FREQUENCIES: readonly FirstNameFrequency[] = [
  ...FIRST_NAMES.map((n) => {
    const known = DEMO_FIRST_NAME_FREQUENCIES[n.latin];
    return {
      ar: n.ar,
      sex: n.sex,
      latin: [n.latin, ...(known?.also ?? []).filter((s) => s !== n.latin)],
      weight: known?.weight ?? 5,
    };
  }),
  ...MORE_FIRST_NAMES,
];

/** Weight and other spellings of the demo's family names (keyed by the demo's spelling). */
const DEMO_FAMILY_NAME_FREQUENCIES: Record<string, { weight: number; also?: string[] }> = {
  'El Alaoui': { weight: 40, also: ['Alaoui', 'Elalaoui'] },
  Benjelloun: { weight: 8, also: ['Ben Jelloun', 'Benjelloune'] },
  'El Idrissi': { weight: 36, also: ['Idrissi', 'Drissi'] },
  Chraibi: { weight: 6, also: ['Chraïbi', 'Echraibi'] },
  Berrada: { weight: 7, also: ['Berada'] },
  Tazi: { weight: 8, also: ['Ettazi'] },
  'El Fassi': { weight: 8, also: ['Fassi', 'Elfassi'] },
  'Ait Taleb': { weight: 4, also: ['Aït Taleb', 'Ait-Taleb'] },
  Bennani: { weight: 15, also: ['Benani'] },
  Lamrani: { weight: 14, also: ['El Amrani', 'Amrani'] },
  Tahiri: { weight: 10, also: ['Ettahiri', 'El Tahiri'] },
  Kassimi: { weight: 4, also: ['Qassimi', 'El Kassimi'] },
  Ouazzani: { weight: 8, also: ['El Ouazzani', 'Wazzani'] },
  Sqalli: { weight: 3, also: ['Skalli', 'Seqalli'] },
  Bouzidi: { weight: 6, also: ['Bouzid'] },
  Amziane: { weight: 5, also: ['Amzian', 'Amziyan'] },
};

const MORE_FAMILY_NAMES: NameFrequency[] = [
  { ar: 'بنعلي', latin: ['Benali', 'Ben Ali'], weight: 12 },
  { ar: 'الحسني', latin: ['El Hassani', 'Hassani'], weight: 14 },
  { ar: 'المنصوري', latin: ['El Mansouri', 'Mansouri'], weight: 15 },
  { ar: 'الزياني', latin: ['Ziani', 'Zayani'], weight: 8 },
  { ar: 'الرحماني', latin: ['Rahmani', 'Errahmani'], weight: 10 },
  { ar: 'البقالي', latin: ['El Bakkali', 'Bakkali', 'Baqqali'], weight: 10 },
  { ar: 'الشاوي', latin: ['Chaoui', 'Echchaoui'], weight: 6 },
  { ar: 'الحداد', latin: ['El Haddad', 'Haddad'], weight: 8 },
  { ar: 'بوعزة', latin: ['Bouazza'], weight: 5 },
  { ar: 'أوحمو', latin: ['Ouhammou', 'Ouhamou'], weight: 5 },
  { ar: 'الصغير', latin: ['Seghir', 'Esseghir', 'Sghir'], weight: 5 },
  { ar: 'السباعي', latin: ['Sebbai', 'Essebbai'], weight: 3 },
  { ar: 'الجبلي', latin: ['El Jebli', 'Jebli'], weight: 4 },
  { ar: 'الغزواني', latin: ['Ghazouani', 'El Ghazouani'], weight: 4 },
  { ar: 'الخطابي', latin: ['El Khattabi', 'Khattabi'], weight: 4 },
  { ar: 'الحمداوي', latin: ['Hamdaoui', 'El Hamdaoui'], weight: 6 },
  { ar: 'الريفي', latin: ['Rifi', 'Errifi'], weight: 5 },
  { ar: 'بنعبد الله', latin: ['Benabdellah', 'Ben Abdellah'], weight: 5 },
  { ar: 'بنموسى', latin: ['Benmoussa', 'Ben Moussa'], weight: 5 },
  { ar: 'المرابط', latin: ['Mrabet', 'El Mrabet', 'Merabet'], weight: 5 },
  { ar: 'الشرقاوي', latin: ['Cherkaoui', 'Echcherkaoui'], weight: 8 },
  { ar: 'الدكالي', latin: ['Doukkali', 'Dokkali'], weight: 5 },
  { ar: 'السوسي', latin: ['Soussi', 'Essoussi'], weight: 6 },
  { ar: 'البوعزاوي', latin: ['Bouazzaoui'], weight: 3 },
  { ar: 'الكبير', latin: ['El Kabir', 'Kabir'], weight: 5 },
  { ar: 'بوزيان', latin: ['Bouziane', 'Bouzyane'], weight: 5 },
  { ar: 'العثماني', latin: ['El Othmani', 'Othmani'], weight: 6 },
  { ar: 'الأنصاري', latin: ['El Ansari', 'Ansari'], weight: 6 },
  { ar: 'الزروالي', latin: ['Zerouali', 'Zeroual'], weight: 4 },
  { ar: 'المسعودي', latin: ['El Messaoudi', 'Messaoudi'], weight: 6 },
  { ar: 'الحمومي', latin: ['Hammoumi', 'El Hammoumi'], weight: 4 },
  { ar: 'الخياطي', latin: ['Khayati', 'El Khayati'], weight: 4 },
  { ar: 'العزوزي', latin: ['Azzouzi', 'El Azzouzi'], weight: 6 },
  { ar: 'بوشعيب', latin: ['Bouchaib'], weight: 4 },
  { ar: 'الناصري', latin: ['Naciri', 'Nasri', 'En-Naciri'], weight: 5 },
  { ar: 'الهواري', latin: ['El Houari', 'Houari'], weight: 4 },
  { ar: 'الركراكي', latin: ['Regragui', 'Ragragui'], weight: 3 },
  { ar: 'القادري', latin: ['Kadiri', 'El Kadiri', 'Qadiri'], weight: 6 },
  { ar: 'البوزيدي', latin: ['El Bouzidi'], weight: 3 },
  { ar: 'الطالبي', latin: ['Talbi', 'Ettalbi'], weight: 5 },
  { ar: 'الوافي', latin: ['El Ouafi', 'Ouafi'], weight: 4 },
  { ar: 'اليوسفي', latin: ['El Youssfi', 'Youssfi'], weight: 6 },
  { ar: 'الإسماعيلي', latin: ['Ismaili', 'El Ismaili'], weight: 5 },
  { ar: 'البكاري', latin: ['Bekkari', 'El Bekkari'], weight: 3 },
];

// The long tail: Ben-, Ait- and nisba names (El Marrakchi, Slaoui...) built from given names and
// places, a little less frequent each, as family names are in a population.
const PATRONYM_ROOTS: [ar: string, latin: string][] = [
  ['عمر', 'omar'],
  ['سعيد', 'said'],
  ['حمو', 'hammou'],
  ['يوسف', 'youssef'],
  ['عيسى', 'aissa'],
  ['إبراهيم', 'brahim'],
  ['علي', 'ali'],
  ['لحسن', 'lahcen'],
  ['داود', 'daoud'],
  ['يحيى', 'yahya'],
  ['أحمد', 'ahmed'],
  ['سليمان', 'slimane'],
  ['قدور', 'kaddour'],
  ['عزوز', 'azzouz'],
  ['الطيب', 'taib'],
  ['بلعيد', 'belaid'],
];
const NISBAS: [ar: string, latin: string][] = [
  ['مراكشي', 'Marrakchi'],
  ['سلاوي', 'Slaoui'],
  ['رباطي', 'Ribati'],
  ['تطواني', 'Tetouani'],
  ['مكناسي', 'Meknassi'],
  ['زموري', 'Zemmouri'],
  ['غرباوي', 'Gharbaoui'],
  ['حوزي', 'Haouzi'],
  ['وجدي', 'Oujdi'],
  ['طنجاوي', 'Tanjaoui'],
  ['عبدي', 'Abdi'],
  ['زعري', 'Zaari'],
  ['حريزي', 'Harizi'],
  ['صحراوي', 'Sahraoui'],
  ['تادلي', 'Tadli'],
  ['شياظمي', 'Chiadmi'],
  ['عبدلاوي', 'Abdellaoui'],
  ['مزابي', 'Mzabi'],
  ['زراري', 'Zerrari'],
  ['فيلالي', 'Filali'],
];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const LONG_TAIL_FAMILY_NAMES: NameFrequency[] = [
  ...PATRONYM_ROOTS.flatMap(([ar, latin], i): NameFrequency[] => [
    { ar: `بن${ar}`, latin: [`Ben${latin}`, `Ben ${capitalise(latin)}`], weight: 3 - (i % 3) * 0.7 },
    {
      ar: `أيت ${ar}`,
      latin: [`Ait ${capitalise(latin)}`, `Aït ${capitalise(latin)}`],
      weight: 2.5 - (i % 4) * 0.5,
    },
  ]),
  ...NISBAS.map(([ar, latin], i) => ({
    ar: `ال${ar}`,
    latin: [latin, `El ${latin}`],
    weight: 3 - (i % 5) * 0.5,
  })),
];

/** Family names with their frequencies: the demo's names first, then the others, then the tail. */
export const FAMILY_NAME_FREQUENCIES: readonly NameFrequency[] = [
  ...FAMILY_NAMES.map((n) => {
    const known = DEMO_FAMILY_NAME_FREQUENCIES[n.latin];
    return {
      ar: n.ar,
      latin: [n.latin, ...(known?.also ?? []).filter((s) => s !== n.latin)],
      weight: known?.weight ?? 3,
    };
  }),
  ...MORE_FAMILY_NAMES,
  ...LONG_TAIL_FAMILY_NAMES,
];

/** Given names of the parents' generation (fathers, mothers), in Arabic as the civil status writes them. */
export const ADULT_FIRST_NAMES: readonly FirstNameFrequency[] = [
  ...FATHER_NAMES.map((ar) => ({ ar, latin: [], weight: 10, sex: 'male' as const })),
  ...[
    'عبد القادر',
    'عبد العزيز',
    'الحسين',
    'إبراهيم',
    'عبد الكريم',
    'رشيد',
    'عمر',
    'علي',
    'خالد',
    'المصطفى',
    'عبد الرحمن',
    'بوشعيب',
    'الميلودي',
    'العربي',
  ].map((ar) => ({ ar, latin: [], weight: 6, sex: 'male' as const })),
  ...MOTHER_NAMES.map((ar) => ({ ar, latin: [], weight: 10, sex: 'female' as const })),
  ...[
    'خديجة',
    'سعاد',
    'نادية',
    'حياة',
    'مريم',
    'ثورية',
    'الزهرة',
    'فتيحة',
    'سميرة',
    'كريمة',
    'رقية',
    'حفيظة',
    'السعدية',
    'إيمان',
  ].map((ar) => ({ ar, latin: [], weight: 6, sex: 'female' as const })),
];

/**
 * Family names of professionals in synthetic data (staff accounts, contact points), none of which
 * is a child's family name above: a scan for children's names in clear never trips over a staff
 * member's name.
 */
export const STAFF_FAMILY_NAMES: readonly string[] = [
  'Lahlou',
  'Kettani',
  'Sefrioui',
  'Benkirane',
  'Fikri',
  'Ouahbi',
  'Rhazi',
  'Lahbabi',
  'Benchekroun',
  'Mernissi',
  'Essaidi',
  'Moutaouakil',
  'Hajji',
  'Guessous',
  'Lazrak',
  'Bensouda',
  'Tounsi',
  'Chami',
  'Bargach',
  'Zniber',
  'Kabbaj',
  'Sentissi',
  'Jettou',
  'Belkhayat',
];

/** A small deterministic generator (mulberry32): the same demo every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
