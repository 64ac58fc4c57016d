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
