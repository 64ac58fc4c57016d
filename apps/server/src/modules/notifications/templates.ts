import type { Language } from '@madar/domain';

type Template = (data: Record<string, unknown>) => { subject: string; body: string };

const link = (path: unknown) => (typeof path === 'string' ? `\n\n${path}` : '');
const card = (data: Record<string, unknown>) => String(data.cardNumber ?? '');
/** The child's pseudonymous code, never a name. */
const child = (data: Record<string, unknown>) => String(data.childCode ?? '');

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
