import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { defaultAssessmentInstrument } from '@madar/domain';
import { describe, expect, it } from 'vitest';
import { buildReportData, directionOf, formatDay, type ReportInput, renderReportPdf } from './report';

const input = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  ministry: { ar: 'وزارة التضامن والإدماج الاجتماعي والأسرة', fr: 'Ministère de la Solidarité' },
  territory: { name_ar: 'عمالة طنجة أصيلة', name_fr: 'Préfecture de Tanger-Assilah' },
  generatedAt: new Date('2026-06-30T23:30:00Z'),
  child: { code: 'TNG-2026-00042', sex: 'female', ageBand: '12_14' },
  identity: null,
  kase: {
    stage: 'care',
    dangerLevel: 'danger',
    openedAt: new Date('2026-01-12T10:00:00Z'),
    situations: ['victim'],
    harmForms: ['physical_violence', 'neglect'],
    workerName: 'Samira Idrissi',
  },
  assessment: {
    assessedAt: new Date('2026-02-01T09:00:00Z'),
    instrumentVersion: 'default-1',
    dangerLevel: 'danger',
    confirmedOrientation: 'report_to_prosecutor',
    total: 7,
    domains: defaultAssessmentInstrument().domains.map((d) => ({
      code: d.code,
      protective: d.protective,
      score: 2,
      maxScore: 3,
    })),
    instrument: defaultAssessmentInstrument(),
  },
  planItems: [
    {
      serviceCode: 'psychological_support',
      sectorCode: 'health',
      dueOn: '2026-03-15',
      status: 'in_progress',
    },
  ],
  followUps: [
    {
      contactAt: new Date('2026-02-20T11:00:00Z'),
      contactType: 'home_visit',
      childViews: 'أريد أن أعود إلى المدرسة.',
      nextSteps: null,
    },
  ],
  evaluations: [
    {
      createdAt: new Date('2026-03-01T10:00:00Z'),
      recommendation: 'adjust_plan',
      levelThen: 'grave_imminent_danger',
      levelNow: 'danger',
      servicesEffect: 'Amélioration nette.',
    },
  ],
  ...overrides,
});

describe('formatDay', () => {
  it('gives dd/mm/yyyy with Western digits, the day being the one in Morocco', () => {
    // 23:30 UTC on 30 June is already 1 July in Casablanca (UTC+1 outside Ramadan).
    expect(formatDay(new Date('2026-06-30T23:30:00Z'))).toBe('01/07/2026');
    expect(formatDay(new Date('2026-01-05T10:00:00Z'))).toBe('05/01/2026');
    expect(formatDay('2014-03-02')).toBe('02/03/2014');
    expect(formatDay(new Date('2026-06-30T23:30:00Z'))).toMatch(/^[0-9/]+$/);
  });
});

describe('directionOf (the direction of a text written by someone)', () => {
  it('follows the first letter, like dir="auto"', () => {
    expect(directionOf('أريد أن أعود إلى المدرسة. Merci', 'ltr')).toBe('rtl');
    expect(directionOf('Karim dit : أريد', 'rtl')).toBe('ltr');
    expect(directionOf('12/03 — « لا »', 'ltr')).toBe('rtl');
    expect(directionOf('12/03 — 4 + 5', 'rtl')).toBe('rtl');
    expect(directionOf('', 'ltr')).toBe('ltr');
  });
});

describe('buildReportData', () => {
  it('labels every code in the report’s language', () => {
    const fr = buildReportData(input(), 'fr');
    expect(fr.labels.title).toBe("Rapport d'évaluation de la situation de l'enfant");
    expect(fr.generated).toBe('Édité le 01/07/2026');
    expect(fr.territory).toBe('Préfecture de Tanger-Assilah');
    expect(Object.fromEntries(fr.situation)).toMatchObject({
      "Code de l'enfant": 'TNG-2026-00042',
      Sexe: 'Fille',
      "Tranche d'âge": '12 à 14 ans',
      'Niveau de danger': 'Situation de danger',
      'Ouverture du dossier': '12/01/2026',
    });
    expect(fr.assessment!.domains[0]).toEqual([
      "Sécurité immédiate de l'enfant",
      'Facteur de risque',
      '2',
      '3',
    ]);
    expect(fr.assessment!.domains.at(-1)![1]).toBe('Facteur de protection');
    expect(Object.fromEntries(fr.assessment!.facts)['Orientation retenue']).toBe(
      'Signalement au ministère public',
    );
    expect(fr.plan.rows).toEqual([['Soutien psychologique', 'Santé', '15/03/2026', 'En cours']]);
    expect(fr.evaluations[0]!.levels).toBe('Danger grave et imminent → Situation de danger');

    const ar = buildReportData(input(), 'ar');
    expect(ar.territory).toBe('عمالة طنجة أصيلة');
    expect(ar.generated).toBe('تاريخ الإصدار: 01/07/2026');
    expect(ar.assessment!.header).toEqual(['المجال', 'النوع', 'النقطة', 'النقطة القصوى']);
    expect(ar.assessment!.domains[0]![0]).toBe('سلامة الطفل الآنية');
    // Read right to left: from the grave danger of then to the danger of now.
    expect(ar.evaluations[0]!.levels).toBe('خطر جسيم وحال ← وضعية خطر');
    expect(ar.followUps[0]!.childViews).toEqual({ text: 'أريد أن أعود إلى المدرسة.', dir: 'rtl' });
    expect(ar.evaluations[0]!.servicesEffect).toEqual({ text: 'Amélioration nette.', dir: 'ltr' });
  });

  it('shows the identity only when given one', () => {
    expect(buildReportData(input(), 'fr').identity).toBeNull();
    const identity = {
      firstNameAr: 'فاطمة',
      lastNameAr: 'العلوي',
      firstNameLatin: 'Fatima',
      lastNameLatin: 'El Alaoui',
      birthDate: '2013-04-09',
      birthDateEstimated: true,
      fatherName: null,
      motherName: 'Khadija Bennani',
      birthRecordNumber: '12/2013',
      nationalId: null,
      address: '3 derb Sidi Bouabid',
      phones: ['0612345678'],
    };
    const rows = Object.fromEntries(buildReportData(input({ identity }), 'fr').identity!);
    expect(rows).toEqual({
      'Nom complet (arabe)': 'فاطمة العلوي',
      'Nom complet (latin)': 'Fatima El Alaoui',
      'Date de naissance': '09/04/2013 (estimée)',
      'Nom du père': '—',
      'Nom de la mère': 'Khadija Bennani',
    });
    // Address, phones and civil-status numbers are not needed to evaluate the situation.
    expect(JSON.stringify(buildReportData(input({ identity }), 'ar'))).not.toMatch(
      /Sidi Bouabid|0612345678|12\/2013/,
    );
  });

  it('falls back to the code for an unknown one, and says when there is nothing', () => {
    const data = buildReportData(
      input({
        assessment: null,
        planItems: [{ serviceCode: 'new_service', sectorCode: 'x', dueOn: '2026-01-01', status: 'planned' }],
        followUps: [],
        evaluations: [],
      }),
      'ar',
    );
    expect(data.assessment).toBeNull();
    expect(data.plan.rows[0]!.slice(0, 2)).toEqual(['new_service', 'x']);
    expect(data.followUps).toEqual([]);
  });
});

describe('report.typ', () => {
  const template = readFileSync(new URL('./report.typ', import.meta.url), 'utf8');

  it('never evaluates nor includes anything from the data', () => {
    const code = template
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('//'))
      .join('\n');
    expect(code).not.toMatch(/\beval\s*\(|#include|\bread\s*\(|#import|\bplugin\s*\(/);
    expect(code).toContain('json(bytes(sys.inputs.data))');
  });
});

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
const textOf = (pdf: Buffer) =>
  spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).stdout.toString('utf8');

describe('renderReportPdf', () => {
  /** Text that would be Typst code, or break it, if it were ever spliced into markup. */
  const HOSTILE = [
    '#set page(fill: red)',
    '] } ) #let x = 1',
    '$ \\ " \' ` * _ < > @ = - + / ~',
    '#eval("panic()")',
    '#read("/etc/passwd")',
    '/* unterminated comment',
    '```raw',
    'line one\nline two\r\nline three',
  ];

  it('compiles whatever people wrote, into a PDF', () => {
    for (const lang of ['ar', 'fr'] as const) {
      for (const text of HOSTILE) {
        const pdf = renderReportPdf(
          buildReportData(
            input({
              child: { code: text, sex: 'male', ageBand: null },
              followUps: [
                { contactAt: new Date(), contactType: 'interview', childViews: text, nextSteps: text },
              ],
              evaluations: [
                {
                  createdAt: new Date(),
                  recommendation: 'close',
                  levelThen: null,
                  levelNow: null,
                  servicesEffect: text,
                },
              ],
              kase: { ...input().kase, workerName: text },
            }),
            lang,
          ),
        );
        expect(pdf.subarray(0, 5).toString('latin1'), text).toBe('%PDF-');
      }
    }
  });

  it.skipIf(!hasPdftotext)('prints it as typed (checked with pdftotext)', () => {
    const views = HOSTILE.slice(0, 7).join(' ');
    const pdf = renderReportPdf(
      buildReportData(
        input({
          followUps: [
            { contactAt: new Date(), contactType: 'interview', childViews: views, nextSteps: 'a\nb' },
          ],
        }),
        'fr',
      ),
    );
    const text = textOf(pdf).replace(/\s+/g, ' ');
    for (const piece of HOSTILE.slice(0, 7)) expect(text).toContain(piece.replace(/\s+/g, ' '));
    expect(text).toContain('TNG-2026-00042');
    expect(text).not.toContain('root:');
  });
});
