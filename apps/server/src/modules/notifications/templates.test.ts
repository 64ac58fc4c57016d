import { LANGUAGES, NOTIFICATION_KINDS } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import { emailFor, TEMPLATED_KINDS } from './templates';

const generic = (language: (typeof LANGUAGES)[number]) => emailFor('something_new', language, {});

// What each kind's notice carries (referrals/service.ts noticeData, transfers/service.ts,
// follow-ups/service.ts remindOverdueFollowUps), with the absolute link notify() adds.
const url = 'https://madar.example/referrals/0b6e4f00-0000-4000-8000-000000000001';
const referralData = {
  cardId: '0b6e4f00-0000-4000-8000-000000000001',
  cardNumber: 'RC-TNG-2026-00012',
  childCode: 'TNG-2026-00042',
  caseId: '0b6e4f00-0000-4000-8000-000000000002',
  status: 'sent',
  url,
};
function dataOf(kind: string): Record<string, unknown> {
  if (kind.startsWith('referral_')) return referralData;
  if (kind.startsWith('follow_up_overdue')) return { overdue: 3, mostDaysOverdue: 12, url };
  // users/service.ts updateUser → cases/service.ts releaseOpenCasesOf: a count, no child at all.
  if (kind === 'cases_unassigned_on_deactivation' || kind === 'cases_unassigned_on_account_change')
    return { cases: 3, url };
  return { childCode: 'TNG-2026-00042', status: 'accepted', url };
}

describe('e-mail notices', () => {
  it('every notice kind has its own subject and body in every language, never the generic one', () => {
    expect([...TEMPLATED_KINDS].sort()).toEqual([...NOTIFICATION_KINDS].sort());
    for (const language of LANGUAGES) {
      const fallback = generic(language);
      const subjects = new Set<string>();
      const bodies = new Set<string>();
      for (const kind of NOTIFICATION_KINDS) {
        const { subject, body } = emailFor(kind, language, dataOf(kind));
        const where = `${language} ${kind}`;
        expect(subject, where).not.toBe(fallback.subject);
        expect(body, where).not.toBe(fallback.body);
        expect(`${subject}${body}`, where).not.toMatch(/undefined|null|NaN|\[object|\{\{/);
        expect(body, where).toContain(url);
        // Each kind says something of its own: no two kinds share a subject or a body.
        expect(subjects.has(subject), `${where}: subject of another kind`).toBe(false);
        expect(bodies.has(body), `${where}: body of another kind`).toBe(false);
        subjects.add(subject);
        bodies.add(body);
        // A referral notice names its card by number (a code), and no child beyond a code.
        if (kind.startsWith('referral_')) {
          expect(subject, where).toContain('RC-TNG-2026-00012');
          expect(body, where).toContain('RC-TNG-2026-00012');
        }
      }
    }
  });

  it("the referral notices say what happened to the card, in the reader's language", () => {
    const say = (kind: string, language: 'ar' | 'fr' | 'en') => emailFor(kind, language, referralData);
    expect(say('referral_acknowledged', 'fr').subject).toBe(
      'Accusé de réception de la fiche de liaison RC-TNG-2026-00012',
    );
    expect(say('referral_answered', 'ar').body).toContain(
      'شرعت المؤسسة المستقبِلة في تقديم الخدمة المطلوبة في بطاقة الربط RC-TNG-2026-00012.',
    );
    expect(say('referral_completed', 'en').subject).toBe(
      'Service completed: referral card RC-TNG-2026-00012',
    );
    expect(say('referral_declined', 'fr').body).toContain('Consultez le motif dans Madar.');
    expect(say('referral_message', 'ar').subject).toBe('رسالة جديدة بشأن بطاقة الربط RC-TNG-2026-00012');
    expect(say('referral_cancelled', 'en').body).toContain('Nothing more is expected of your institution.');
  });

  it('a withdrawn transfer and the overdue follow-up summary have their own text in every language', () => {
    const url = 'https://madar.example/transfers?direction=incoming';
    for (const language of LANGUAGES) {
      const cancelled = emailFor('transfer_cancelled', language, { childCode: 'TNG-2026-00042', url });
      expect(cancelled.subject).not.toBe(generic(language).subject);
      expect(cancelled.subject).toContain('TNG-2026-00042');
      expect(cancelled.body).toContain(url);
      const overdue = emailFor('follow_up_overdue', language, { overdue: 3, mostDaysOverdue: 12, url });
      expect(overdue.subject).not.toBe(generic(language).subject);
      expect(overdue.body).toMatch(/\b3\b/);
      expect(overdue.body).toMatch(/\b12\b/);
      expect(overdue.body).toContain(url);
    }
  });

  it('the overdue follow-up summary agrees with its numbers (Arabic: 1, 2, 3–10, 11–99, 100+)', () => {
    const body = (language: 'ar' | 'fr' | 'en', overdue: number, mostDaysOverdue: number) =>
      emailFor('follow_up_overdue', language, { overdue, mostDaysOverdue }).body;
    expect(body('ar', 1, 1)).toContain('في ملف واحد من الملفات المسندة إليكم، وهو متأخر منذ يوم واحد.');
    expect(body('ar', 2, 2)).toContain('في ملفين من الملفات المسندة إليكم، وأقدمهما متأخر منذ يومين.');
    expect(body('ar', 7, 3)).toContain('في 7 ملفات من الملفات المسندة إليكم، وأقدمها متأخر منذ 3 أيام.');
    expect(body('ar', 30, 11)).toContain('في 30 ملفاً من الملفات المسندة إليكم، وأقدمها متأخر منذ 11 يوماً.');
    expect(body('ar', 100, 101)).toContain('في 100 ملف من الملفات المسندة إليكم، وأقدمها متأخر منذ 101 يوم.');
    expect(body('fr', 1, 1)).toContain('Un de vos dossiers a un suivi en retard de 1 jour.');
    expect(body('fr', 2, 5)).toContain(
      '2 de vos dossiers ont un suivi en retard, le plus ancien de 5 jours.',
    );
    expect(body('en', 1, 1)).toContain('One of your cases has a follow-up overdue by 1 day.');
    expect(body('en', 30, 4)).toContain('30 of your cases have overdue follow-ups, the oldest by 4 days.');
  });

  it("the coordinator's summary of unassigned overdue follow-ups agrees with its numbers", () => {
    const mail = (language: 'ar' | 'fr' | 'en', overdue: number, mostDaysOverdue: number) =>
      emailFor('follow_up_overdue_unassigned', language, { overdue, mostDaysOverdue });
    expect(mail('ar', 1, 1).body).toContain(
      'فات موعد التتبع في ملف واحد غير مسند إلى أي مساعد اجتماعي، وهو متأخر منذ يوم واحد.',
    );
    expect(mail('ar', 2, 2).body).toContain(
      'فات موعد التتبع في ملفين غير مسندين إلى أي مساعد اجتماعي، وأقدمهما متأخر منذ يومين.',
    );
    expect(mail('ar', 4, 9).body).toContain(
      'فات موعد التتبع في 4 ملفات غير مسندة إلى أي مساعد اجتماعي، وأقدمها متأخر منذ 9 أيام.',
    );
    expect(mail('ar', 11, 30).body).toContain(
      'فات موعد التتبع في 11 ملفاً غير مسند إلى أي مساعد اجتماعي، وأقدمها متأخر منذ 30 يوماً.',
    );
    expect(mail('ar', 100, 200).body).toContain(
      'فات موعد التتبع في 100 ملف غير مسند إلى أي مساعد اجتماعي، وأقدمها متأخر منذ 200 يوم.',
    );
    expect(mail('ar', 4, 9).subject).toBe('تذكير: تتبعات متأخرة في ملفات غير مسندة');
    expect(mail('fr', 1, 3).body).toContain(
      'Un dossier sans assistant(e) social(e) référent(e) a un suivi en retard de 3 jours.',
    );
    expect(mail('fr', 5, 1).body).toContain(
      '5 dossiers sans assistant(e) social(e) référent(e) ont un suivi en retard, le plus ancien de 1 jour.',
    );
    expect(mail('en', 1, 1).body).toContain(
      'One case with no social worker assigned has a follow-up overdue by 1 day.',
    );
    expect(mail('en', 6, 8).body).toContain(
      '6 cases with no social worker assigned have overdue follow-ups, the oldest by 8 days.',
    );
  });

  it("the coordinator's notice of cases released by a deactivation agrees with its count", () => {
    const body = (language: 'ar' | 'fr' | 'en', cases: number) =>
      emailFor('cases_unassigned_on_deactivation', language, { cases }).body;
    expect(body('ar', 1)).toContain('كان مكلفاً بتتبع ملف مفتوح واحد، فأصبح غير مسند إلى أي مساعد اجتماعي.');
    expect(body('ar', 2)).toContain('كان مكلفاً بتتبع ملفين مفتوحين، فأصبحا غير مسندين إلى أي مساعد اجتماعي.');
    expect(body('ar', 7)).toContain('كان مكلفاً بتتبع 7 ملفات مفتوحة، فأصبحت غير مسندة');
    expect(body('ar', 23)).toContain('كان مكلفاً بتتبع 23 ملفاً مفتوحاً، فأصبحت غير مسندة');
    expect(body('ar', 100)).toContain('كان مكلفاً بتتبع 100 ملف مفتوح، فأصبحت غير مسندة');
    expect(body('fr', 1)).toContain('le dossier ouvert qui lui était attribué n');
    expect(body('fr', 4)).toContain('les 4 dossiers ouverts qui lui étaient attribués n');
    expect(body('en', 1)).toContain('the open case it held no longer has a social worker assigned.');
    expect(body('en', 5)).toContain('the 5 open cases it held no longer have a social worker assigned.');
    // The same count when the account moved to another province or lost its caseworker roles.
    const moved = (language: 'ar' | 'fr' | 'en', cases: number) =>
      emailFor('cases_unassigned_on_account_change', language, { cases }).body;
    expect(moved('ar', 2)).toContain('تغيّر إقليم أو مهام مستخدم كان مكلفاً بتتبع ملفين مفتوحين');
    expect(moved('fr', 4)).toContain(
      'Un compte utilisateur a changé de province ou de rôle : les 4 dossiers ouverts qui lui étaient attribués',
    );
    expect(moved('en', 1)).toContain(
      'An account moved to another province or to a role without cases: the open case it held',
    );
  });
});
