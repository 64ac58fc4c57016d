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

describe('notification sentences', () => {
  it('every kind has its own sentence in Arabic, French and English, naming the card or the child', () => {
    for (const language of LANGUAGES) {
      const t = tIn(language);
      const other = notificationSentence(t, 'something_new', {}, territory);
      const seen = new Set<string>();
      for (const kind of NOTIFICATION_KINDS) {
        const data = kind.startsWith('referral_')
          ? referralData
          : kind === 'transfer_decided'
            ? { ...transferData, status: 'accepted' }
            : transferData;
        const sentence = notificationSentence(t, kind, data, territory);
        expect(sentence, `${language} ${kind}`).not.toBe(other);
        expect(sentence, `${language} ${kind}`).not.toContain('notifications.');
        expect(sentence).toContain('TNG-2026-00042');
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

  it('codes are isolated inside Arabic text, so their hyphens keep their order', () => {
    const sentence = notificationSentence(tIn('ar'), 'referral_received', referralData, territory);
    expect(sentence).toContain('\u2068RC-TNG-2026-00012\u2069');
  });
});

describe('notification links', () => {
  it('lead to the card, the transfers page or the case', () => {
    expect(notificationLink('referral_message', referralData)).toBe(`/referrals/${referralData.cardId}`);
    expect(notificationLink('transfer_requested', transferData)).toBe('/transfers?direction=incoming');
    expect(notificationLink('transfer_decided', transferData)).toBe('/transfers?direction=outgoing');
    expect(notificationLink('follow_up_overdue', { caseId: 'c1' })).toBe('/cases/c1?section=followups');
  });

  it('never lead out of the application', () => {
    expect(notificationLink('something_new', { path: '//evil.example/x' })).toBeNull();
    expect(notificationLink('something_new', { path: 'https://evil.example/' })).toBeNull();
    expect(notificationLink('something_new', { path: '/cases' })).toBe('/cases');
    expect(notificationLink('something_new', {})).toBeNull();
  });
});
