import { LANGUAGES, NOTIFICATION_KINDS } from '@madar/domain';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import ar from './i18n/ar.json';
import en from './i18n/en.json';
import fr from './i18n/fr.json';
import { notificationLink, notificationSentence } from './messages';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { ar: { translation: ar }, fr: { translation: fr }, en: { translation: en } },
    lng: 'ar',
    interpolation: { escapeValue: false },
  });
});

const tIn = (language: string): TFunction => i18n.getFixedT(language);
const names: Record<string, string> = { 'tanger-assilah': 'Tanger-Assilah', sale: 'Salé' };
const territory = (code: string) => names[code] ?? code;

// What the server puts in each kind's data (referrals/service.ts noticeData, transfers/service.ts).
const referralData = {
  cardId: '0b6e4f00-0000-4000-8000-000000000001',
  cardNumber: 'RC-TNG-2026-00012',
  childCode: 'TNG-2026-00042',
  caseId: '0b6e4f00-0000-4000-8000-000000000002',
  status: 'sent',
  path: '/referrals/0b6e4f00-0000-4000-8000-000000000001',
};
const transferData = {
  childCode: 'TNG-2026-00042',
  fromTerritoryCode: 'tanger-assilah',
  toTerritoryCode: 'sale',
  path: '/transfers',
};
// follow-ups/service.ts remindOverdueFollowUps: counts and the worker's own list, no child at all.
const followUpPath =
  '/cases?view=overdue_follow_up&workerId=0b6e4f00-0000-4000-8000-000000000003&sort=next_follow_up';
const followUpData = { overdue: 3, mostDaysOverdue: 12, path: followUpPath };
// The coordinator's summary of the overdue follow-ups of cases without a worker.
const unassignedPath = '/cases?view=overdue_follow_up&workerId=unassigned&sort=next_follow_up';
const unassignedData = { overdue: 4, mostDaysOverdue: 9, path: unassignedPath };
// users/service.ts updateUser → cases/service.ts releaseOpenCasesOf: how many cases came back.
const releasedPath = '/cases?workerId=unassigned';
const releasedData = { cases: 5, path: releasedPath };

function dataOf(kind: string) {
  if (kind.startsWith('referral_')) return referralData;
  if (kind === 'transfer_decided') return { ...transferData, status: 'accepted' };
  if (kind === 'follow_up_overdue') return followUpData;
  if (kind === 'follow_up_overdue_unassigned') return unassignedData;
  if (kind === 'cases_unassigned_on_deactivation' || kind === 'cases_unassigned_on_account_change')
    return releasedData;
  return transferData;
}

describe('notification sentences', () => {
  it('every kind has its own sentence in Arabic, French and English, naming the card or the child', () => {
    for (const language of LANGUAGES) {
      const t = tIn(language);
      const other = notificationSentence(t, 'something_new', {}, territory);
      const seen = new Set<string>();
      for (const kind of NOTIFICATION_KINDS) {
        const sentence = notificationSentence(t, kind, dataOf(kind), territory);
        expect(sentence, `${language} ${kind}`).not.toBe(other);
        expect(sentence, `${language} ${kind}`).not.toContain('notifications.');
        expect(sentence, `${language} ${kind}`).not.toContain('{{');
        if (kind === 'follow_up_overdue') {
          // A summary of the worker's cases: the count and the longest delay, no child named.
          expect(sentence).toContain('3');
          expect(sentence).toContain('12');
        } else if (kind === 'follow_up_overdue_unassigned') {
          expect(sentence).toContain('4');
          expect(sentence).toContain('9');
        } else if (
          kind === 'cases_unassigned_on_deactivation' ||
          kind === 'cases_unassigned_on_account_change'
        ) {
          expect(sentence).toContain('5');
        } else expect(sentence).toContain('TNG-2026-00042');
        if (kind.startsWith('referral_')) expect(sentence).toContain('RC-TNG-2026-00012');
        expect(seen.has(sentence), `${language} ${kind} repeats another kind`).toBe(false);
        seen.add(sentence);
      }
    }
  });

  it('a transfer names the provinces, and says whether it was accepted or declined', () => {
    const t = tIn('fr');
    expect(notificationSentence(t, 'transfer_requested', transferData, territory)).toContain(
      'Tanger-Assilah',
    );
    const accepted = notificationSentence(
      t,
      'transfer_decided',
      { ...transferData, status: 'accepted' },
      territory,
    );
    const declined = notificationSentence(
      t,
      'transfer_decided',
      { ...transferData, status: 'declined' },
      territory,
    );
    expect(accepted).toContain('Salé');
    expect(accepted).toContain('accepté');
    expect(declined).toContain('refusé');
    // Notices written before the provinces were named still read well.
    const plain = notificationSentence(t, 'transfer_requested', { childCode: 'TNG-2026-00042' }, territory);
    expect(plain).toContain('TNG-2026-00042');
    expect(plain).not.toContain('{{');
  });

  it('a withdrawn transfer names the province that withdrew it', () => {
    expect(notificationSentence(tIn('fr'), 'transfer_cancelled', transferData, territory)).toContain(
      'Tanger-Assilah',
    );
    expect(notificationSentence(tIn('ar'), 'transfer_cancelled', transferData, territory)).toMatch(/^سحب/);
    const plain = notificationSentence(
      tIn('en'),
      'transfer_cancelled',
      { childCode: 'TNG-2026-00042' },
      territory,
    );
    expect(plain).toContain('TNG-2026-00042');
    expect(plain).toContain('withdrew');
  });

  it('the overdue follow-up summary agrees with its numbers in every language', () => {
    const say = (language: string, overdue: number, mostDaysOverdue: number) =>
      notificationSentence(tIn(language), 'follow_up_overdue', { overdue, mostDaysOverdue }, territory);
    // Arabic: one and two in words; 3–10 with a plural noun; 11–99 and 100+ with a singular one.
    expect(say('ar', 1, 1)).toBe(
      'فات موعد التتبع في ملف واحد من الملفات المسندة إليكم، وهو متأخر منذ يوم واحد.',
    );
    expect(say('ar', 2, 2)).toBe(
      'فات موعد التتبع في ملفين من الملفات المسندة إليكم، وأقدمهما متأخر منذ يومين.',
    );
    expect(say('ar', 3, 10)).toBe(
      'فات موعد التتبع في 3 ملفات من الملفات المسندة إليكم، وأقدمها متأخر منذ 10 أيام.',
    );
    expect(say('ar', 30, 45)).toBe(
      'فات موعد التتبع في 30 ملفاً من الملفات المسندة إليكم، وأقدمها متأخر منذ 45 يوماً.',
    );
    expect(say('ar', 100, 100)).toBe(
      'فات موعد التتبع في 100 ملف من الملفات المسندة إليكم، وأقدمها متأخر منذ 100 يوم.',
    );
    expect(say('fr', 1, 1)).toBe('Un de vos dossiers a un suivi en retard de 1 jour.');
    expect(say('fr', 30, 12)).toBe('30 de vos dossiers ont un suivi en retard, le plus ancien de 12 jours.');
    expect(say('en', 1, 2)).toBe('One of your cases has a follow-up overdue by 2 days.');
    expect(say('en', 4, 1)).toBe('4 of your cases have overdue follow-ups, the oldest by 1 day.');
    // Without its numbers the notice still reads well.
    const plain = notificationSentence(tIn('fr'), 'follow_up_overdue', {}, territory);
    expect(plain).not.toContain('{{');
    expect(plain).not.toBe(notificationSentence(tIn('fr'), 'something_new', {}, territory));
  });

  it("the coordinator's summary of cases without a worker agrees with its numbers", () => {
    const say = (language: string, overdue: number, mostDaysOverdue: number) =>
      notificationSentence(
        tIn(language),
        'follow_up_overdue_unassigned',
        { overdue, mostDaysOverdue },
        territory,
      );
    expect(say('ar', 1, 1)).toBe(
      'فات موعد التتبع في ملف واحد غير مسند إلى أي مساعد اجتماعي، وهو متأخر منذ يوم واحد.',
    );
    expect(say('ar', 2, 5)).toBe(
      'فات موعد التتبع في ملفين غير مسندين إلى أي مساعد اجتماعي، وأقدمهما متأخر منذ 5 أيام.',
    );
    expect(say('ar', 7, 2)).toBe(
      'فات موعد التتبع في 7 ملفات غير مسندة إلى أي مساعد اجتماعي، وأقدمها متأخر منذ يومين.',
    );
    expect(say('ar', 25, 40)).toBe(
      'فات موعد التتبع في 25 ملفاً غير مسند إلى أي مساعد اجتماعي، وأقدمها متأخر منذ 40 يوماً.',
    );
    expect(say('fr', 1, 2)).toBe(
      'Un dossier sans assistant(e) social(e) référent(e) a un suivi en retard de 2 jours.',
    );
    expect(say('fr', 6, 1)).toBe(
      '6 dossiers sans assistant(e) social(e) référent(e) ont un suivi en retard, le plus ancien de 1 jour.',
    );
    expect(say('en', 3, 4)).toBe(
      '3 cases with no social worker assigned have overdue follow-ups, the oldest by 4 days.',
    );
    // Not the worker's own sentence, and without its numbers still a sentence of its own.
    expect(say('fr', 3, 4)).not.toBe(
      notificationSentence(tIn('fr'), 'follow_up_overdue', { overdue: 3, mostDaysOverdue: 4 }, territory),
    );
    const plain = notificationSentence(tIn('ar'), 'follow_up_overdue_unassigned', {}, territory);
    expect(plain).toBe('فات موعد التتبع في ملفات غير مسندة إلى أي مساعد اجتماعي.');
  });

  it('the notice of cases released by a deactivation agrees with its count', () => {
    const say = (language: string, cases: number) =>
      notificationSentence(tIn(language), 'cases_unassigned_on_deactivation', { cases }, territory);
    expect(say('ar', 1)).toBe(
      'عُطِّل حساب مستخدم كان مكلفاً بتتبع ملف مفتوح واحد، فأصبح غير مسند إلى أي مساعد اجتماعي. يرجى إسناده.',
    );
    expect(say('ar', 2)).toBe(
      'عُطِّل حساب مستخدم كان مكلفاً بتتبع ملفين مفتوحين، فأصبحا غير مسندين إلى أي مساعد اجتماعي. يرجى إسنادهما.',
    );
    expect(say('ar', 4)).toContain('بتتبع 4 ملفات مفتوحة، فأصبحت غير مسندة');
    expect(say('ar', 12)).toContain('بتتبع 12 ملفاً مفتوحاً، فأصبحت غير مسندة');
    expect(say('ar', 101)).toContain('بتتبع 101 ملف مفتوح، فأصبحت غير مسندة');
    expect(say('fr', 1)).toContain('le dossier ouvert qui lui était attribué');
    expect(say('fr', 3)).toContain('les 3 dossiers ouverts qui lui étaient attribués');
    expect(say('en', 1)).toContain('the open case it held no longer has a social worker assigned');
    expect(say('en', 8)).toContain('the 8 open cases it held no longer have a social worker assigned');
    const plain = notificationSentence(tIn('fr'), 'cases_unassigned_on_deactivation', {}, territory);
    expect(plain).not.toContain('{{');
    expect(plain).toContain('des dossiers ouverts');
  });

  it('codes are isolated inside Arabic text, so their hyphens keep their order', () => {
    const sentence = notificationSentence(tIn('ar'), 'referral_received', referralData, territory);
    expect(sentence).toContain('\u2068RC-TNG-2026-00012\u2069');
  });
});

describe('notification links', () => {
  it("lead to the card, the transfers page or the worker's overdue follow-ups", () => {
    expect(notificationLink('referral_message', referralData)).toBe(`/referrals/${referralData.cardId}`);
    expect(notificationLink('transfer_requested', transferData)).toBe('/transfers?direction=incoming');
    expect(notificationLink('transfer_cancelled', transferData)).toBe('/transfers?direction=incoming');
    expect(notificationLink('transfer_decided', transferData)).toBe('/transfers?direction=outgoing');
    expect(notificationLink('follow_up_overdue', followUpData)).toBe(followUpPath);
    expect(notificationLink('follow_up_overdue', {})).toBe('/cases?view=overdue_follow_up');
    expect(notificationLink('follow_up_overdue', { path: '//evil.example/' })).toBe(
      '/cases?view=overdue_follow_up',
    );
    // The coordinator's notice leads to the overdue cases without a worker, whatever its data.
    expect(notificationLink('follow_up_overdue_unassigned', unassignedData)).toBe(unassignedPath);
    expect(notificationLink('follow_up_overdue_unassigned', {})).toBe(unassignedPath);
    expect(notificationLink('follow_up_overdue_unassigned', { path: '//evil.example/' })).toBe(
      unassignedPath,
    );
    // Cases released by a deactivation: the cases without a worker.
    expect(notificationLink('cases_unassigned_on_deactivation', releasedData)).toBe(releasedPath);
    expect(notificationLink('cases_unassigned_on_deactivation', {})).toBe(releasedPath);
    expect(notificationLink('cases_unassigned_on_deactivation', { path: '//evil.example/' })).toBe(
      releasedPath,
    );
  });

  it('never lead out of the application', () => {
    expect(notificationLink('something_new', { path: '//evil.example/x' })).toBeNull();
    expect(notificationLink('something_new', { path: 'https://evil.example/' })).toBeNull();
    expect(notificationLink('something_new', { path: '/cases' })).toBe('/cases');
    expect(notificationLink('something_new', {})).toBeNull();
  });
});
