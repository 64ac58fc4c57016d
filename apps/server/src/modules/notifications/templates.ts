import type { Language } from '@madar/domain';

type Template = (data: Record<string, unknown>) => { subject: string; body: string };

const link = (path: unknown) => (typeof path === 'string' ? `\n\n${path}` : '');
const card = (data: Record<string, unknown>) => String(data.cardNumber ?? '');
/** The child's pseudonymous code, never a name. */
const child = (data: Record<string, unknown>) => String(data.childCode ?? '');
/** A count carried by the notice (a whole number, at least 1 when the notice makes sense). */
const count = (value: unknown) => {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.trunc(n) : 0;
};

type PluralForms = Partial<Record<Intl.LDMLPluralRule, (n: number) => string>> & {
  other: (n: number) => string;
};
const pluralRules = {
  ar: new Intl.PluralRules('ar'),
  fr: new Intl.PluralRules('fr'),
  en: new Intl.PluralRules('en'),
} satisfies Record<Language, Intl.PluralRules>;
/** The form of a phrase agreeing with `n` in the language (Arabic has six: 1, 2, 3–10, 11–99…). */
const plural = (language: Language, n: number, forms: PluralForms) =>
  (forms[pluralRules[language].select(n)] ?? forms.other)(n);

/** "For N days" after منذ (the genitive), in Arabic. */
const daysAr = (n: number) =>
  plural('ar', n, {
    one: () => 'يوم واحد',
    two: () => 'يومين',
    few: (k) => `${k} أيام`,
    many: (k) => `${k} يوماً`,
    other: (k) => `${k} يوم`,
  });
const daysFr = (n: number) => plural('fr', n, { one: (k) => `${k} jour`, other: (k) => `${k} jours` });
const daysEn = (n: number) => plural('en', n, { one: (k) => `${k} day`, other: (k) => `${k} days` });

/** The daily summary of a caseworker's overdue follow-ups: how many cases, the longest delay. */
const overdueFollowUps = {
  ar: (d: Record<string, unknown>) => {
    const days = daysAr(count(d.mostDaysOverdue));
    return plural('ar', count(d.overdue), {
      one: () => `فات موعد التتبع في ملف واحد من الملفات المسندة إليكم، وهو متأخر منذ ${days}.`,
      two: () => `فات موعد التتبع في ملفين من الملفات المسندة إليكم، وأقدمهما متأخر منذ ${days}.`,
      few: (n) => `فات موعد التتبع في ${n} ملفات من الملفات المسندة إليكم، وأقدمها متأخر منذ ${days}.`,
      many: (n) => `فات موعد التتبع في ${n} ملفاً من الملفات المسندة إليكم، وأقدمها متأخر منذ ${days}.`,
      other: (n) => `فات موعد التتبع في ${n} ملف من الملفات المسندة إليكم، وأقدمها متأخر منذ ${days}.`,
    });
  },
  fr: (d: Record<string, unknown>) => {
    const days = daysFr(count(d.mostDaysOverdue));
    return plural('fr', count(d.overdue), {
      one: () => `Un de vos dossiers a un suivi en retard de ${days}.`,
      other: (n) => `${n} de vos dossiers ont un suivi en retard, le plus ancien de ${days}.`,
    });
  },
  en: (d: Record<string, unknown>) => {
    const days = daysEn(count(d.mostDaysOverdue));
    return plural('en', count(d.overdue), {
      one: () => `One of your cases has a follow-up overdue by ${days}.`,
      other: (n) => `${n} of your cases have overdue follow-ups, the oldest by ${days}.`,
    });
  },
};

/**
 * E-mail texts of notifications, in the recipient's language. They name a card number or a child's
 * pseudonymous code and point to Madar: the content stays behind the sign-in, never in a mailbox.
 */
const templates: Record<string, Record<Language, Template>> = {
  referral_received: {
    ar: (d) => ({
      subject: `بطاقة ربط جديدة ${card(d)}`,
      body: `توصلت مؤسستكم ببطاقة ربط جديدة ${card(d)}. يرجى الاطلاع عليها في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Nouvelle fiche de liaison ${card(d)}`,
      body: `Votre institution a reçu la fiche de liaison ${card(d)}. Consultez-la dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `New referral card ${card(d)}`,
      body: `Your institution received referral card ${card(d)}. Open it in Madar.${link(d.url)}`,
    }),
  },
  referral_overdue: {
    ar: (d) => ({
      subject: `تذكير: بطاقة الربط ${card(d)} متأخرة`,
      body: `تجاوزت بطاقة الربط ${card(d)} الأجل المحدد. يرجى معالجتها في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Rappel : fiche de liaison ${card(d)} en retard`,
      body: `La fiche de liaison ${card(d)} a dépassé son délai. Merci de la traiter dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Reminder: referral card ${card(d)} is overdue`,
      body: `Referral card ${card(d)} is past its due date. Please handle it in Madar.${link(d.url)}`,
    }),
  },
  referral_escalated: {
    ar: (d) => ({
      subject: `تصعيد: بطاقة الربط ${card(d)}`,
      body: `بطاقة الربط ${card(d)} متأخرة كثيراً وتحتاج إلى تدخل المنسق.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Escalade : fiche de liaison ${card(d)}`,
      body: `La fiche de liaison ${card(d)} est très en retard et demande l'intervention du coordinateur.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Escalation: referral card ${card(d)}`,
      body: `Referral card ${card(d)} is long overdue and needs the coordinator.${link(d.url)}`,
    }),
  },
  transfer_requested: {
    ar: (d) => ({
      subject: `طلب نقل ملف الطفل ${child(d)}`,
      body: `يطلب الجهاز الترابي المندمج لإقليم آخر أن يتكفل جهازكم بملف الطفل ${child(d)}. يرجى البت في الطلب في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Demande de transfert du dossier ${child(d)}`,
      body: `Le DTIPE d'une autre province demande à votre DTIPE de reprendre le dossier de l'enfant ${child(d)}. Merci de statuer sur la demande dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Transfer request for case ${child(d)}`,
      body: `The DTIPE of another province asks yours to take over the case of child ${child(d)}. Please decide on the request in Madar.${link(d.url)}`,
    }),
  },
  transfer_decided: {
    ar: (d) => ({
      subject: `${d.status === 'accepted' ? 'قبول' : 'رفض'} طلب نقل ملف الطفل ${child(d)}`,
      body: `${d.status === 'accepted' ? 'قُبل' : 'رُفض'} طلب نقل ملف الطفل ${child(d)}. التفاصيل في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Transfert du dossier ${child(d)} ${d.status === 'accepted' ? 'accepté' : 'refusé'}`,
      body: `La demande de transfert du dossier de l'enfant ${child(d)} a été ${d.status === 'accepted' ? 'acceptée' : 'refusée'}. Détails dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Transfer of case ${child(d)} ${d.status === 'accepted' ? 'accepted' : 'declined'}`,
      body: `The request to transfer the case of child ${child(d)} was ${d.status === 'accepted' ? 'accepted' : 'declined'}. Details in Madar.${link(d.url)}`,
    }),
  },
  transfer_cancelled: {
    ar: (d) => ({
      subject: `سحب طلب نقل ملف الطفل ${child(d)}`,
      body: `سحب الجهاز الترابي المندمج لإقليم آخر طلبه بأن يتكفل جهازكم بملف الطفل ${child(d)}. لم يعد الطلب ينتظر قراركم.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Demande de transfert du dossier ${child(d)} retirée`,
      body: `Le DTIPE d'une autre province a retiré sa demande de reprise du dossier de l'enfant ${child(d)} par votre DTIPE. Aucune décision n'est plus attendue de votre part.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Transfer request for case ${child(d)} withdrawn`,
      body: `The DTIPE of another province withdrew its request that yours take over the case of child ${child(d)}. No decision is needed any more.${link(d.url)}`,
    }),
  },
  follow_up_overdue: {
    ar: (d) => ({
      subject: 'تذكير: تتبعات متأخرة في الملفات المسندة إليكم',
      body: `${overdueFollowUps.ar(d)} يرجى الاطلاع عليها في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: 'Rappel : suivis en retard dans vos dossiers',
      body: `${overdueFollowUps.fr(d)} Consultez-les dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: 'Reminder: overdue follow-ups in your cases',
      body: `${overdueFollowUps.en(d)} Open them in Madar.${link(d.url)}`,
    }),
  },
};

const generic: Record<Language, Template> = {
  ar: (d) => ({ subject: 'إشعار جديد في مدار', body: `لديكم إشعار جديد في مدار.${link(d.url)}` }),
  fr: (d) => ({
    subject: 'Nouvelle notification dans Madar',
    body: `Vous avez une nouvelle notification dans Madar.${link(d.url)}`,
  }),
  en: (d) => ({
    subject: 'New notification in Madar',
    body: `You have a new notification in Madar.${link(d.url)}`,
  }),
};

export function emailFor(kind: string, language: Language, data: Record<string, unknown>) {
  return (templates[kind]?.[language] ?? generic[language])(data);
}
