import { LANGUAGES } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import { emailFor } from './templates';

const generic = (language: (typeof LANGUAGES)[number]) => emailFor('something_new', language, {});

describe('e-mail notices', () => {
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
});
