import type { Language, NotificationKind } from '@madar/domain';

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
 * The daily summary, for a CAPE coordinator, of the overdue follow-ups of cases no worker holds
 * (Arabic: the adjective agrees with the counted noun — dual, sound plural, then singular).
 */
const unassignedOverdueFollowUps = {
  ar: (d: Record<string, unknown>) => {
    const days = daysAr(count(d.mostDaysOverdue));
    return plural('ar', count(d.overdue), {
      one: () => `فات موعد التتبع في ملف واحد غير مسند إلى أي مساعد اجتماعي، وهو متأخر منذ ${days}.`,
      two: () => `فات موعد التتبع في ملفين غير مسندين إلى أي مساعد اجتماعي، وأقدمهما متأخر منذ ${days}.`,
      few: (n) => `فات موعد التتبع في ${n} ملفات غير مسندة إلى أي مساعد اجتماعي، وأقدمها متأخر منذ ${days}.`,
      many: (n) => `فات موعد التتبع في ${n} ملفاً غير مسند إلى أي مساعد اجتماعي، وأقدمها متأخر منذ ${days}.`,
      other: (n) => `فات موعد التتبع في ${n} ملف غير مسند إلى أي مساعد اجتماعي، وأقدمها متأخر منذ ${days}.`,
    });
  },
  fr: (d: Record<string, unknown>) => {
    const days = daysFr(count(d.mostDaysOverdue));
    return plural('fr', count(d.overdue), {
      one: () => `Un dossier sans assistant(e) social(e) référent(e) a un suivi en retard de ${days}.`,
      other: (n) =>
        `${n} dossiers sans assistant(e) social(e) référent(e) ont un suivi en retard, le plus ancien de ${days}.`,
    });
  },
  en: (d: Record<string, unknown>) => {
    const days = daysEn(count(d.mostDaysOverdue));
    return plural('en', count(d.overdue), {
      one: () => `One case with no social worker assigned has a follow-up overdue by ${days}.`,
      other: (n) =>
        `${n} cases with no social worker assigned have overdue follow-ups, the oldest by ${days}.`,
    });
  },
};

/**
 * For a CAPE coordinator: the open cases an account held came back without a worker when the account
 * was deactivated (Arabic: verb, adjectives and pronoun agree with the count).
 */
/**
 * Open cases that lost their worker because of what happened to the worker's account: deactivated,
 * or moved to another province or to a role without cases. `opening` says which, per language.
 */
const casesUnassigned = (opening: { ar: string; fr: string; en: string }) => ({
  ar: (d: Record<string, unknown>) =>
    plural('ar', count(d.cases), {
      one: () =>
        `${opening.ar} كان مكلفاً بتتبع ملف مفتوح واحد، فأصبح غير مسند إلى أي مساعد اجتماعي. يرجى إسناده إلى مساعد اجتماعي في مدار.`,
      two: () =>
        `${opening.ar} كان مكلفاً بتتبع ملفين مفتوحين، فأصبحا غير مسندين إلى أي مساعد اجتماعي. يرجى إسنادهما إلى مساعد اجتماعي في مدار.`,
      few: (n) =>
        `${opening.ar} كان مكلفاً بتتبع ${n} ملفات مفتوحة، فأصبحت غير مسندة إلى أي مساعد اجتماعي. يرجى إسنادها إلى مساعدين اجتماعيين في مدار.`,
      many: (n) =>
        `${opening.ar} كان مكلفاً بتتبع ${n} ملفاً مفتوحاً، فأصبحت غير مسندة إلى أي مساعد اجتماعي. يرجى إسنادها إلى مساعدين اجتماعيين في مدار.`,
      other: (n) =>
        `${opening.ar} كان مكلفاً بتتبع ${n} ملف مفتوح، فأصبحت غير مسندة إلى أي مساعد اجتماعي. يرجى إسنادها إلى مساعدين اجتماعيين في مدار.`,
    }),
  fr: (d: Record<string, unknown>) =>
    plural('fr', count(d.cases), {
      one: () =>
        `${opening.fr} : le dossier ouvert qui lui était attribué n'a plus d'assistant(e) social(e) référent(e). Désignez dans Madar qui en reprend le suivi.`,
      other: (n) =>
        `${opening.fr} : les ${n} dossiers ouverts qui lui étaient attribués n'ont plus d'assistant(e) social(e) référent(e). Désignez dans Madar qui en reprend le suivi.`,
    }),
  en: (d: Record<string, unknown>) =>
    plural('en', count(d.cases), {
      one: () =>
        `${opening.en}: the open case it held no longer has a social worker assigned. Assign one in Madar.`,
      other: (n) =>
        `${opening.en}: the ${n} open cases it held no longer have a social worker assigned. Assign them in Madar.`,
    }),
});

const casesUnassignedOnDeactivation = casesUnassigned({
  ar: 'عُطِّل حساب مستخدم',
  fr: 'Un compte utilisateur a été désactivé',
  en: 'An account was deactivated',
});

const casesUnassignedOnAccountChange = casesUnassigned({
  ar: 'تغيّر إقليم أو مهام مستخدم',
  fr: 'Un compte utilisateur a changé de province ou de rôle',
  en: 'An account moved to another province or to a role without cases',
});

/**
 * E-mail texts of notifications, in the recipient's language. They name a card number or a child's
 * pseudonymous code and point to Madar: the content stays behind the sign-in, never in a mailbox.
 */
const templates: Record<NotificationKind, Record<Language, Template>> = {
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
  referral_acknowledged: {
    ar: (d) => ({
      subject: `تأكيد التوصل ببطاقة الربط ${card(d)}`,
      body: `أكدت المؤسسة المستقبِلة توصلها ببطاقة الربط ${card(d)}. يمكنكم تتبع معالجتها في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Accusé de réception de la fiche de liaison ${card(d)}`,
      body: `L'institution destinataire a accusé réception de la fiche de liaison ${card(d)}. Suivez son traitement dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Referral card ${card(d)} acknowledged`,
      body: `The receiving institution acknowledged referral card ${card(d)}. Follow its progress in Madar.${link(d.url)}`,
    }),
  },
  referral_answered: {
    ar: (d) => ({
      subject: `بدء التكفل: بطاقة الربط ${card(d)}`,
      body: `شرعت المؤسسة المستقبِلة في تقديم الخدمة المطلوبة في بطاقة الربط ${card(d)}. التفاصيل في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Prise en charge commencée : fiche de liaison ${card(d)}`,
      body: `L'institution destinataire a commencé la prise en charge demandée par la fiche de liaison ${card(d)}. Détails dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Service started: referral card ${card(d)}`,
      body: `The receiving institution started the service requested by referral card ${card(d)}. Details in Madar.${link(d.url)}`,
    }),
  },
  referral_completed: {
    ar: (d) => ({
      subject: `إتمام الخدمة: بطاقة الربط ${card(d)}`,
      body: `أتمت المؤسسة المستقبِلة الخدمة المطلوبة في بطاقة الربط ${card(d)}. يرجى الاطلاع على التدابير المتخذة والوثائق في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Prise en charge achevée : fiche de liaison ${card(d)}`,
      body: `L'institution destinataire a achevé la prise en charge demandée par la fiche de liaison ${card(d)}. Consultez les mesures prises et les documents dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Service completed: referral card ${card(d)}`,
      body: `The receiving institution completed the service requested by referral card ${card(d)}. See the measures taken and the documents in Madar.${link(d.url)}`,
    }),
  },
  referral_declined: {
    ar: (d) => ({
      subject: `اعتذار عن بطاقة الربط ${card(d)}`,
      body: `اعتذرت المؤسسة المستقبِلة عن تقديم الخدمة المطلوبة في بطاقة الربط ${card(d)}. يرجى الاطلاع على السبب في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Fiche de liaison ${card(d)} déclinée`,
      body: `L'institution destinataire a décliné la fiche de liaison ${card(d)}. Consultez le motif dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Referral card ${card(d)} declined`,
      body: `The receiving institution declined referral card ${card(d)}. See its reason in Madar.${link(d.url)}`,
    }),
  },
  referral_message: {
    ar: (d) => ({
      subject: `رسالة جديدة بشأن بطاقة الربط ${card(d)}`,
      body: `توصلتم برسالة جديدة بشأن بطاقة الربط ${card(d)}. يرجى الاطلاع عليها والرد في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Nouveau message sur la fiche de liaison ${card(d)}`,
      body: `Un nouveau message a été publié sur la fiche de liaison ${card(d)}. Lisez-le et répondez dans Madar.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `New message on referral card ${card(d)}`,
      body: `There is a new message on referral card ${card(d)}. Read it and reply in Madar.${link(d.url)}`,
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
  referral_cancelled: {
    ar: (d) => ({
      subject: `إلغاء بطاقة الربط ${card(d)}`,
      body: `ألغت الجهة المرسِلة بطاقة الربط ${card(d)}. لم تعد البطاقة تنتظر أي إجراء من مؤسستكم.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: `Fiche de liaison ${card(d)} annulée`,
      body: `L'expéditeur a annulé la fiche de liaison ${card(d)}. Aucune suite n'est plus attendue de votre institution.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: `Referral card ${card(d)} cancelled`,
      body: `The sender cancelled referral card ${card(d)}. Nothing more is expected of your institution.${link(d.url)}`,
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
  follow_up_overdue_unassigned: {
    ar: (d) => ({
      subject: 'تذكير: تتبعات متأخرة في ملفات غير مسندة',
      body: `${unassignedOverdueFollowUps.ar(d)} يرجى إسناد تتبعها إلى مساعد اجتماعي في مدار.${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: 'Rappel : suivis en retard dans des dossiers non attribués',
      body: `${unassignedOverdueFollowUps.fr(d)} Désignez dans Madar qui en assure le suivi.${link(d.url)}`,
    }),
    en: (d) => ({
      subject: 'Reminder: overdue follow-ups in unassigned cases',
      body: `${unassignedOverdueFollowUps.en(d)} Assign a social worker in Madar.${link(d.url)}`,
    }),
  },
  cases_unassigned_on_deactivation: {
    ar: (d) => ({
      subject: 'ملفات مفتوحة في انتظار الإسناد بعد تعطيل حساب',
      body: `${casesUnassignedOnDeactivation.ar(d)}${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: "Dossiers ouverts à réattribuer après la désactivation d'un compte",
      body: `${casesUnassignedOnDeactivation.fr(d)}${link(d.url)}`,
    }),
    en: (d) => ({
      subject: 'Open cases to reassign after an account was deactivated',
      body: `${casesUnassignedOnDeactivation.en(d)}${link(d.url)}`,
    }),
  },
  cases_unassigned_on_account_change: {
    ar: (d) => ({
      subject: 'ملفات مفتوحة في انتظار الإسناد بعد تغيير إقليم أو مهام مستخدم',
      body: `${casesUnassignedOnAccountChange.ar(d)}${link(d.url)}`,
    }),
    fr: (d) => ({
      subject: "Dossiers ouverts à réattribuer après un changement de province ou de rôle d'un compte",
      body: `${casesUnassignedOnAccountChange.fr(d)}${link(d.url)}`,
    }),
    en: (d) => ({
      subject: 'Open cases to reassign after an account changed province or role',
      body: `${casesUnassignedOnAccountChange.en(d)}${link(d.url)}`,
    }),
  },
};

/** Kinds with their own text: every notification kind of the API (the type checks it, a test too). */
export const TEMPLATED_KINDS = Object.keys(templates) as NotificationKind[];

/** A kind without a text of its own: none today (the type requires one per kind); kept as a safety net. */
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
  return (templates[kind as NotificationKind]?.[language] ?? generic[language])(data);
}
