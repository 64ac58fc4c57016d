import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type ChildIdentity, casablancaDate, type ReferenceItem, referenceTaxonomies } from '@madar/domain';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

/**
 * The printable evaluation report of a child's situation, in Arabic (right to left) or French,
 * typeset with Typst. This module turns what the service loaded into the report's JSON data
 * (every label already in the report's language, every date in Africa/Casablanca as dd/mm/yyyy
 * with Western digits) and compiles report.typ with it.
 */
export type ReportLanguage = 'ar' | 'fr';
type Labels = Record<ReportLanguage, string>;

const LABELS = {
  title: { ar: 'تقرير تقييم وضعية الطفل', fr: "Rapport d'évaluation de la situation de l'enfant" },
  generatedOn: { ar: 'تاريخ الإصدار:', fr: 'Édité le' },
  confidential: {
    ar: 'وثيقة سرية — معطيات ذات طابع شخصي تخص طفلاً (القانون 09-08). يمنع نسخها أو تداولها خارج الآلية الترابية المندمجة لحماية الطفولة.',
    fr: "Document confidentiel — données à caractère personnel d'un enfant (loi 09-08). Ne pas copier ni diffuser hors du dispositif territorial intégré de protection de l'enfance.",
  },
  situation: { ar: 'وضعية الطفل', fr: "Situation de l'enfant" },
  identity: { ar: 'الهوية', fr: 'Identité' },
  identityHidden: {
    ar: 'الهوية غير معروضة: الاطلاع عليها مخصص للمتدخلين المؤهلين.',
    fr: 'Identité non affichée : réservée aux intervenants habilités.',
  },
  assessment: { ar: 'آخر تقييم لوضعية الخطر', fr: 'Dernière évaluation du danger' },
  notAssessed: { ar: 'لم يُنجز أي تقييم بعد.', fr: "Aucune évaluation n'a encore été faite." },
  plan: { ar: 'خطة التدخل', fr: "Plan d'intervention" },
  followUps: { ar: 'آخر عمليات التتبع', fr: 'Derniers suivis' },
  evaluations: { ar: 'التقييمات الدورية والتوصيات', fr: 'Évaluations périodiques et recommandations' },
  nothing: { ar: 'لا شيء إلى حدود الآن.', fr: "Rien pour l'instant." },
  childViews: { ar: 'ما عبّر عنه الطفل:', fr: "Ce que l'enfant a exprimé :" },
  nextSteps: { ar: 'الخطوات المقبلة:', fr: 'Prochaines étapes :' },
  levelTrend: { ar: 'تطور مستوى الخطر:', fr: 'Évolution du niveau de danger :' },
  servicesEffect: { ar: 'أثر الخدمات المقدمة:', fr: 'Effet des services rendus :' },
  code: { ar: 'رمز الطفل', fr: "Code de l'enfant" },
  sex: { ar: 'الجنس', fr: 'Sexe' },
  ageBand: { ar: 'الفئة العمرية', fr: "Tranche d'âge" },
  stage: { ar: 'المرحلة الحالية', fr: 'Étape actuelle' },
  dangerLevel: { ar: 'مستوى الخطر', fr: 'Niveau de danger' },
  openedOn: { ar: 'تاريخ فتح الملف', fr: 'Ouverture du dossier' },
  situations: { ar: 'وضعيات الطفل', fr: "Situations de l'enfant" },
  harmForms: { ar: 'أشكال الإيذاء', fr: 'Formes de maltraitance' },
  worker: { ar: 'المساعد(ة) الاجتماعي(ة) المكلف(ة)', fr: 'Assistant(e) social(e) référent(e)' },
  nameAr: { ar: 'الاسم الكامل (بالعربية)', fr: 'Nom complet (arabe)' },
  nameLatin: { ar: 'الاسم الكامل (بالحروف اللاتينية)', fr: 'Nom complet (latin)' },
  birthDate: { ar: 'تاريخ الازدياد', fr: 'Date de naissance' },
  estimated: { ar: '(تقديري)', fr: '(estimée)' },
  father: { ar: 'اسم الأب', fr: 'Nom du père' },
  mother: { ar: 'اسم الأم', fr: 'Nom de la mère' },
  assessedOn: { ar: 'تاريخ التقييم', fr: "Date de l'évaluation" },
  instrument: { ar: 'نسخة أداة التقييم', fr: "Version de l'instrument" },
  orientation: { ar: 'التوجيه المعتمد', fr: 'Orientation retenue' },
  total: { ar: 'النقطة الإجمالية', fr: 'Score total' },
  domain: { ar: 'المجال', fr: 'Domaine' },
  factor: { ar: 'النوع', fr: 'Type' },
  score: { ar: 'النقطة', fr: 'Score' },
  maximum: { ar: 'النقطة القصوى', fr: 'Maximum' },
  risk: { ar: 'عامل خطر', fr: 'Facteur de risque' },
  protective: { ar: 'عامل حماية', fr: 'Facteur de protection' },
  service: { ar: 'الخدمة', fr: 'Service' },
  sector: { ar: 'القطاع', fr: 'Secteur' },
  dueOn: { ar: 'الأجل', fr: 'Échéance' },
  status: { ar: 'الحالة', fr: 'Statut' },
  recommendation: { ar: 'التوصية', fr: 'Recommandation' },
  none: { ar: '—', fr: '—' },
  page: { ar: 'الصفحة', fr: 'Page' },
  pageOf: { ar: 'من', fr: 'sur' },
} satisfies Record<string, Labels>;

const CODES: Record<string, Record<string, Labels>> = {
  sex: {
    female: { ar: 'أنثى', fr: 'Fille' },
    male: { ar: 'ذكر', fr: 'Garçon' },
    unknown: { ar: 'غير محدد', fr: 'Non précisé' },
  },
  ageBand: {
    '0_5': { ar: 'من 0 إلى 5 سنوات', fr: '0 à 5 ans' },
    '6_11': { ar: 'من 6 إلى 11 سنة', fr: '6 à 11 ans' },
    '12_14': { ar: 'من 12 إلى 14 سنة', fr: '12 à 14 ans' },
    '15_17': { ar: 'من 15 إلى 17 سنة', fr: '15 à 17 ans' },
    '18_plus': { ar: '18 سنة فما فوق', fr: '18 ans et plus' },
  },
  planStatus: {
    planned: { ar: 'مبرمجة', fr: 'Prévu' },
    requested: { ar: 'مطلوبة', fr: 'Demandé' },
    in_progress: { ar: 'في طور الإنجاز', fr: 'En cours' },
    delivered: { ar: 'منجزة', fr: 'Réalisé' },
    not_delivered: { ar: 'غير منجزة', fr: 'Non réalisé' },
  },
  contactType: {
    home_visit: { ar: 'زيارة منزلية', fr: 'Visite à domicile' },
    interview: { ar: 'مقابلة', fr: 'Entretien' },
    phone_call: { ar: 'مكالمة هاتفية', fr: 'Appel téléphonique' },
    school_visit: { ar: 'زيارة مدرسية', fr: "Visite à l'école" },
    other: { ar: 'اتصال آخر', fr: 'Autre contact' },
  },
  recommendation: {
    continue: { ar: 'مواصلة خطة التدخل', fr: 'Poursuivre le plan' },
    adjust_plan: { ar: 'تعديل خطة التدخل', fr: "Ajuster le plan d'intervention" },
    close: { ar: 'إغلاق الملف', fr: 'Clôturer le dossier' },
  },
};

function fromTaxonomy(kind: string): Record<string, Labels> {
  const items = (referenceTaxonomies as Record<string, unknown>)[kind] as ReferenceItem[] | undefined;
  return Object.fromEntries((items ?? []).map((i) => [i.code, { ar: i.ar, fr: i.fr }]));
}
for (const kind of [
  'circuit_stages',
  'danger_levels',
  'harm_forms',
  'child_situations',
  'sectors',
  'service_basket',
]) {
  CODES[kind] = fromTaxonomy(kind);
}

/** The label of a code in a list, or the code itself when the list does not know it. */
function label(list: string, code: string | null | undefined, lang: ReportLanguage): string {
  if (code === null || code === undefined) return LABELS.none[lang];
  return CODES[list]?.[code]?.[lang] ?? code;
}

/** dd/mm/yyyy with Western digits, of a calendar date (YYYY-MM-DD) or of an instant in Morocco. */
export function formatDay(value: Date | string): string {
  const day = value instanceof Date ? casablancaDate(value) : value.slice(0, 10);
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

interface InstrumentLabels {
  domains?: { code: string; ar?: string; fr?: string }[];
  orientations?: { code: string; ar?: string; fr?: string }[];
}

/** Everything the report shows, as loaded by the service (decrypted where needed). */
export interface ReportInput {
  ministry: Labels;
  territory: { name_ar: string; name_fr: string } | null;
  generatedAt: Date;
  child: { code: string; sex: string; ageBand: string | null };
  identity: ChildIdentity | null;
  kase: {
    stage: string;
    dangerLevel: string | null;
    openedAt: Date;
    situations: string[];
    harmForms: string[];
    workerName: string | null;
  };
  assessment: {
    assessedAt: Date;
    instrumentVersion: string;
    dangerLevel: string;
    confirmedOrientation: string;
    total: number | null;
    domains: { code: string; protective: boolean; score: number; maxScore: number }[];
    instrument: InstrumentLabels | null;
  } | null;
  planItems: { serviceCode: string; sectorCode: string; dueOn: string; status: string }[];
  followUps: { contactAt: Date; contactType: string; childViews: string; nextSteps: string | null }[];
  evaluations: {
    createdAt: Date;
    recommendation: string;
    levelThen: string | null;
    levelNow: string | null;
    servicesEffect: string | null;
  }[];
}

/**
 * The direction of a text written by someone, from its first strong letter (what HTML's dir="auto"
 * does): the child's words in French keep reading left to right in an Arabic report.
 */
export function directionOf(text: string, fallback: 'rtl' | 'ltr'): 'rtl' | 'ltr' {
  const first = /\p{L}/u.exec(text)?.[0];
  if (!first) return fallback;
  return /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u.test(first)
    ? 'rtl'
    : 'ltr';
}

/** The JSON data of report.typ: every string final, in the report's language. */
export function buildReportData(input: ReportInput, lang: ReportLanguage) {
  const L = (key: keyof typeof LABELS) => LABELS[key][lang];
  const list = (kind: string, codes: string[]) =>
    codes.length ? codes.map((c) => label(kind, c, lang)).join(lang === 'ar' ? '، ' : ', ') : L('none');
  const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ') || L('none');
  // In right-to-left text an arrow pointing left reads "then → now".
  const arrow = lang === 'ar' ? ' ← ' : ' → ';
  const written = (text: string) => ({ text, dir: directionOf(text, lang === 'ar' ? 'rtl' : 'ltr') });
  const territory = input.territory
    ? lang === 'ar'
      ? input.territory.name_ar
      : input.territory.name_fr
    : '';

  const identity = input.identity;
  const assessment = input.assessment;
  const domainLabel = (code: string) => {
    const found = assessment?.instrument?.domains?.find((d) => d.code === code);
    return found?.[lang] ?? code;
  };
  const orientationLabel = (code: string) =>
    assessment?.instrument?.orientations?.find((o) => o.code === code)?.[lang] ?? code;

  return {
    lang,
    labels: labelsIn(lang),
    code: input.child.code,
    ministry: input.ministry[lang],
    territory,
    generated: `${L('generatedOn')} ${formatDay(input.generatedAt)}`,
    situation: [
      [L('code'), input.child.code],
      [L('sex'), label('sex', input.child.sex, lang)],
      [L('ageBand'), label('ageBand', input.child.ageBand, lang)],
      [L('stage'), label('circuit_stages', input.kase.stage, lang)],
      [L('dangerLevel'), label('danger_levels', input.kase.dangerLevel, lang)],
      [L('openedOn'), formatDay(input.kase.openedAt)],
      [L('situations'), list('child_situations', input.kase.situations)],
      [L('harmForms'), list('harm_forms', input.kase.harmForms)],
      [L('worker'), input.kase.workerName ?? L('none')],
    ],
    identity: identity
      ? [
          [L('nameAr'), join(identity.firstNameAr, identity.lastNameAr)],
          [L('nameLatin'), join(identity.firstNameLatin, identity.lastNameLatin)],
          [
            L('birthDate'),
            identity.birthDate
              ? join(formatDay(identity.birthDate), identity.birthDateEstimated ? L('estimated') : null)
              : L('none'),
          ],
          [L('father'), identity.fatherName ?? L('none')],
          [L('mother'), identity.motherName ?? L('none')],
        ]
      : null,
    assessment: assessment
      ? {
          facts: [
            [L('assessedOn'), formatDay(assessment.assessedAt)],
            [L('dangerLevel'), label('danger_levels', assessment.dangerLevel, lang)],
            [L('orientation'), orientationLabel(assessment.confirmedOrientation)],
            [L('total'), assessment.total === null ? L('none') : String(assessment.total)],
            [L('instrument'), assessment.instrumentVersion],
          ],
          header: [L('domain'), L('factor'), L('score'), L('maximum')],
          domains: assessment.domains.map((d) => [
            domainLabel(d.code),
            d.protective ? L('protective') : L('risk'),
            String(d.score),
            String(d.maxScore),
          ]),
        }
      : null,
    plan: {
      header: [L('service'), L('sector'), L('dueOn'), L('status')],
      rows: input.planItems.map((p) => [
        label('service_basket', p.serviceCode, lang),
        label('sectors', p.sectorCode, lang),
        formatDay(p.dueOn),
        label('planStatus', p.status, lang),
      ]),
    },
    followUps: input.followUps.map((f) => ({
      heading: `${formatDay(f.contactAt)} — ${label('contactType', f.contactType, lang)}`,
      childViews: written(f.childViews),
      nextSteps: f.nextSteps ? written(f.nextSteps) : null,
    })),
    evaluations: input.evaluations.map((e) => ({
      heading: `${formatDay(e.createdAt)} — ${L('recommendation')}: ${label('recommendation', e.recommendation, lang)}`,
      levels:
        e.levelThen && e.levelNow
          ? `${label('danger_levels', e.levelThen, lang)}${arrow}${label('danger_levels', e.levelNow, lang)}`
          : null,
      servicesEffect: written(e.servicesEffect ?? L('none')),
    })),
  };
}

function labelsIn(lang: ReportLanguage): Record<keyof typeof LABELS, string> {
  return Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [k, v[lang]])) as Record<
    keyof typeof LABELS,
    string
  >;
}

const template = readFileSync(new URL('./report.typ', import.meta.url), 'utf8');
let compiler: NodeCompiler | undefined;

/** One compiler for the process: the fonts are read once, from the package, never from the network. */
function typst(): NodeCompiler {
  if (!compiler) {
    const require = createRequire(import.meta.url);
    const font = (weight: string) =>
      readFileSync(
        require.resolve(`@expo-google-fonts/noto-sans-arabic/${weight}/NotoSansArabic_${weight}.ttf`),
      );
    compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: [font('400Regular'), font('700Bold')] }] });
  }
  return compiler;
}

export function renderReportPdf(data: ReturnType<typeof buildReportData>): Buffer {
  const typst_ = typst();
  const result = typst_.compile({ mainFileContent: template, inputs: { data: JSON.stringify(data) } });
  const document = result.result;
  if (!document || result.hasError()) {
    const error = result.takeError();
    // The template's own message only: a diagnostic must not carry a child's data into the logs.
    const first = (error ? typst_.fetchDiagnostics(error) : [])[0] as { message?: string } | undefined;
    throw new Error(`report.typ did not compile: ${String(first?.message ?? 'unknown error').slice(0, 120)}`);
  }
  const pdf = typst_.pdf(document, { creationTimestamp: Math.floor(Date.now() / 1000) });
  // Memoised layouts of past reports hold children's data: drop them.
  typst_.evictCache(0);
  return pdf;
}
