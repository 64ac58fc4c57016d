import { addDays, casablancaDate, referenceTerritories } from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { actorFromRow } from '../modules/auth/service';
import * as plans from '../modules/plans/service';
import * as referrals from '../modules/referrals/service';
import type { Actor } from '../platform/auth/actor';
import { hashPassword } from '../platform/auth/passwords';
import type { AppContext } from '../platform/context';
import { DEMO_PASSWORD } from './accounts';

/**
 * Referral cards of the pilot provinces' demo cases, in every state (draft, sent, received, in
 * progress, completed with a certificate, declined, cancelled, overdue and escalated), written
 * through the referral service and then spread back in time. The provincial hospital of each pilot
 * receives most of them, so the hospital's focal point (hopital.tanger in Tanger-Assilah) has an
 * inbox with cards in several states.
 */

// The services expect the HTTP request they were called from: for audit origin and access logs.
const seedRequest = {
  ip: '127.0.0.1',
  id: 'demo-seed',
  method: 'SEED',
  headers: { 'user-agent': 'madar-demo-seed' },
  routeOptions: { url: 'demo-seed' },
} as unknown as FastifyRequest;

type Scenario =
  | 'draft'
  | 'sent'
  | 'received'
  | 'in_progress'
  | 'completed'
  | 'declined'
  | 'cancelled'
  | 'overdue'
  | 'escalated'
  | 'other_province';

interface Plan {
  scenario: Scenario;
  service: string;
  sector: string;
  /** Key of the receiving institution: the territory's own of a type, or Rabat's hospital. */
  to: 'hospital' | 'education' | 'police' | 'rabat_hospital';
  urgency: 'normal' | 'urgent' | 'immediate';
  shareIdentity: boolean;
  sections: ('situation' | 'assessment' | 'plan_item_need')[];
}

const PLANS: Plan[] = [
  {
    scenario: 'draft',
    service: 'psychological_assessment',
    sector: 'health',
    to: 'hospital',
    urgency: 'normal',
    shareIdentity: false,
    sections: ['situation', 'assessment'],
  },
  {
    scenario: 'sent',
    service: 'medical_examination',
    sector: 'health',
    to: 'hospital',
    urgency: 'urgent',
    shareIdentity: true,
    sections: ['situation', 'plan_item_need'],
  },
  {
    scenario: 'received',
    service: 'medical_treatment',
    sector: 'health',
    to: 'hospital',
    urgency: 'normal',
    shareIdentity: true,
    sections: ['situation'],
  },
  {
    scenario: 'in_progress',
    service: 'psychiatric_care',
    sector: 'health',
    to: 'hospital',
    urgency: 'normal',
    shareIdentity: false,
    sections: ['situation', 'assessment'],
  },
  {
    scenario: 'completed',
    service: 'forensic_examination',
    sector: 'health',
    to: 'hospital',
    urgency: 'immediate',
    shareIdentity: true,
    sections: ['situation', 'plan_item_need'],
  },
  {
    scenario: 'declined',
    service: 'psychological_assessment',
    sector: 'health',
    to: 'hospital',
    urgency: 'normal',
    shareIdentity: false,
    sections: ['assessment'],
  },
  {
    scenario: 'cancelled',
    service: 'school_reintegration',
    sector: 'education',
    to: 'education',
    urgency: 'normal',
    shareIdentity: true,
    sections: [],
  },
  {
    scenario: 'overdue',
    service: 'medical_examination',
    sector: 'health',
    to: 'hospital',
    urgency: 'urgent',
    shareIdentity: true,
    sections: ['situation'],
  },
  {
    scenario: 'escalated',
    service: 'school_reintegration',
    sector: 'education',
    to: 'education',
    urgency: 'normal',
    shareIdentity: true,
    sections: ['plan_item_need'],
  },
];

/** A service asked of another province: Tanger-Assilah's child examined at the Rabat hospital. */
const OTHER_PROVINCE: Plan = {
  scenario: 'other_province',
  service: 'psychiatric_care',
  sector: 'health',
  to: 'rabat_hospital',
  urgency: 'normal',
  shareIdentity: true,
  sections: ['situation', 'assessment'],
};

const NOTES: Partial<Record<Scenario, string>> = {
  sent: "Enfant accompagné par l'assistante sociale du CAPE. Merci de nous indiquer un rendez-vous.",
  completed: 'Examen médico-légal demandé en urgence ; le parquet a été avisé.',
  escalated: 'Réinscription demandée pour la rentrée ; dossier scolaire en cours de récupération.',
  other_province: "La famille réside à Rabat pendant le traitement ; suivi par le CAPE de l'origine.",
};

/** The smallest well-formed PDF of one page saying what it is: the demo's certificate. */
function demoCertificate(): Buffer {
  const text = 'Certificat medical (document de demonstration Madar)';
  const content = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

async function actorById(ctx: AppContext, id: string): Promise<Actor> {
  return actorFromRow(
    await ctx.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

function institutionOf(ctx: AppContext, territoryCode: string, type: string) {
  return ctx.db
    .selectFrom('institution')
    .select('id')
    .where('territory_code', '=', territoryCode)
    .where('type', '=', type)
    .where('active', '=', true)
    .orderBy('created_at')
    .executeTakeFirst();
}

let demoPasswordHash: Promise<string> | undefined;

/**
 * The focal point of a pilot's hospital: the demo account when there is one (hopital.tanger), else
 * one made here (hopital.<territory>), a demo account like the others, so every pilot's cards can
 * be answered.
 */
async function focalPointOf(ctx: AppContext, institutionId: string, territoryCode: string): Promise<Actor> {
  const existing = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('active', '=', true)
    .where(sql<boolean>`'partner_focal_point' = ANY (roles)`)
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return actorById(ctx, existing.id);
  demoPasswordHash ??= hashPassword(DEMO_PASSWORD);
  const row = await ctx.db
    .insertInto('app_user')
    .values({
      login: `hopital.${territoryCode}`,
      full_name: 'Point focal, centre hospitalier',
      email: `hopital.${territoryCode}@demo.madar.ma`,
      phone: null,
      institution_id: institutionId,
      territory_code: territoryCode,
      roles: ['partner_focal_point'],
      preferred_language: 'fr',
      password_hash: await demoPasswordHash,
      must_change_password: false,
      is_demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return actorById(ctx, row.id);
}

/** Open demo cases of a territory past detection, with the social worker they are assigned to. */
function openCases(ctx: AppContext, territoryCode: string) {
  return ctx.db
    .selectFrom('protection_case as p')
    .innerJoin('app_user as u', 'u.id', 'p.assigned_worker_id')
    .select(['p.id', 'p.assigned_worker_id'])
    .where('p.territory_code', '=', territoryCode)
    .where('p.closed_at', 'is', null)
    .where('p.stage', 'in', ['initial_diagnosis', 'care', 'reintegration', 'follow_up'])
    .where('u.territory_code', '=', territoryCode)
    .where(sql<boolean>`'social_worker' = ANY (u.roles)`)
    .orderBy('p.opened_at')
    .execute();
}

/**
 * When each step happened, relative to now: the card was sent `sentDaysAgo` days ago and each
 * later step `hours` after sending. `dueInDays` (negative: past) moves its due date and its item's.
 */
async function spread(
  ctx: AppContext,
  cardId: string,
  when: {
    sentDaysAgo: number;
    received?: number;
    started?: number;
    completed?: number;
    declined?: number;
    cancelled?: number;
    dueInDays?: number;
  },
) {
  const sent = sql`now() - make_interval(days => ${when.sentDaysAgo})`;
  const after = (hours: number | undefined, column: string) =>
    hours === undefined ? sql.raw(column) : sql`${sent} + make_interval(hours => ${hours})`;
  const due = when.dueInDays === undefined ? null : addDays(casablancaDate(), when.dueInDays);
  await ctx.db.transaction().execute(async (tx) => {
    await sql`
      UPDATE referral_card SET
        created_at = ${sent} - interval '2 hours',
        updated_at = now(),
        sent_at = CASE WHEN sent_at IS NULL THEN NULL ELSE ${sent} END,
        received_at = CASE WHEN received_at IS NULL THEN NULL ELSE ${after(when.received, 'received_at')} END,
        started_at = CASE WHEN started_at IS NULL THEN NULL ELSE ${after(when.started, 'started_at')} END,
        completed_at = CASE WHEN completed_at IS NULL THEN NULL ELSE ${after(when.completed, 'completed_at')} END,
        declined_at = CASE WHEN declined_at IS NULL THEN NULL ELSE ${after(when.declined, 'declined_at')} END,
        cancelled_at = CASE WHEN cancelled_at IS NULL THEN NULL ELSE ${after(when.cancelled, 'cancelled_at')} END,
        due_on = coalesce(${due}::date, due_on)
      WHERE id = ${cardId}`.execute(tx);
    await sql`
      UPDATE referral_message m SET created_at = c.sent_at + (x.rn * interval '5 hours')
      FROM referral_card c,
        (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rn FROM referral_message WHERE card_id = ${cardId}) x
      WHERE c.id = ${cardId} AND m.id = x.id`.execute(tx);
    await sql`
      UPDATE referral_attachment a SET created_at = coalesce(c.completed_at, c.sent_at) - interval '1 hour'
      FROM referral_card c WHERE c.id = ${cardId} AND a.card_id = c.id`.execute(tx);
    await sql`
      UPDATE plan_item p SET created_at = c.created_at - interval '1 day',
        due_on = CASE WHEN ${due}::date IS NULL THEN p.due_on ELSE c.due_on END
      FROM referral_card c WHERE c.id = ${cardId} AND p.id = c.plan_item_id`.execute(tx);
  });
}

async function caseWithoutOpenService<C extends { id: string }>(
  ctx: AppContext,
  cases: C[],
  start: number,
  serviceCode: string,
): Promise<C | undefined> {
  for (let k = 0; k < cases.length; k++) {
    const kase = cases[(start + k) % cases.length]!;
    const open = await ctx.db
      .selectFrom('plan_item')
      .select('id')
      .where('case_id', '=', kase.id)
      .where('service_code', '=', serviceCode)
      .where('status', 'in', ['planned', 'requested', 'in_progress'])
      .executeTakeFirst();
    if (!open) return kase;
  }
  return undefined;
}

async function seedTerritory(ctx: AppContext, territoryCode: string): Promise<number> {
  const cases = await openCases(ctx, territoryCode);
  const hospital = await institutionOf(ctx, territoryCode, 'hospital');
  if (cases.length === 0 || !hospital) return 0;
  const institutions: Record<Plan['to'], string | undefined> = {
    hospital: hospital.id,
    education: (await institutionOf(ctx, territoryCode, 'ministry_service'))?.id,
    police: (await institutionOf(ctx, territoryCode, 'police'))?.id,
    rabat_hospital: (await institutionOf(ctx, 'rabat', 'hospital'))?.id,
  };
  const focal = await focalPointOf(ctx, hospital.id, territoryCode);
  const plans_ = territoryCode === 'tanger-assilah' ? [...PLANS, OTHER_PROVINCE] : PLANS;
  const certificate = demoCertificate();
  let count = 0;
  for (const [i, plan] of plans_.entries()) {
    const receiving = institutions[plan.to];
    if (!receiving || (plan.to === 'rabat_hospital' && territoryCode === 'rabat')) continue;
    // A case that has no open item for this service yet (one open item per service and case).
    const kase = await caseWithoutOpenService(ctx, cases, i, plan.service);
    if (!kase) continue;
    const worker = await actorById(ctx, kase.assigned_worker_id!);
    const item = await plans.createPlanItem(ctx, seedRequest, worker, kase.id, {
      serviceCode: plan.service,
      sectorCode: plan.sector,
      institutionId: receiving,
      need:
        plan.sector === 'health'
          ? "Examen et prise en charge après les faits signalés ; l'enfant se plaint de douleurs."
          : "Retour à l'école interrompu depuis plusieurs mois ; la famille souhaite une inscription.",
      dueOn: addDays(casablancaDate(), plan.urgency === 'immediate' ? 1 : 7),
    });
    let card = await referrals.createReferral(ctx, seedRequest, worker, item.id, {
      receivingInstitutionId: receiving,
      urgency: plan.urgency,
      sharedSections: plan.sections,
      shareIdentity: plan.shareIdentity,
      note: NOTES[plan.scenario] ?? null,
      // The demo's actor map may not list every service yet.
      confirmServiceMismatch: true,
    });
    count++;
    if (plan.scenario === 'draft') continue;
    card = await referrals.sendReferral(ctx, seedRequest, worker, card.id, card.version);
    const receiver = plan.to === 'hospital' ? focal : null;
    switch (plan.scenario) {
      case 'sent':
        await spread(ctx, card.id, { sentDaysAgo: 1 });
        break;
      case 'other_province':
        await spread(ctx, card.id, { sentDaysAgo: 2 });
        break;
      case 'received': {
        card = await referrals.acknowledgeReferral(ctx, seedRequest, receiver!, card.id, card.version);
        await referrals.postMessage(
          ctx,
          seedRequest,
          receiver!,
          card.id,
          "Rendez-vous proposé jeudi à 10h en pédiatrie. L'enfant doit venir accompagné d'un adulte.",
        );
        await referrals.postMessage(ctx, seedRequest, worker, card.id, 'Bien noté, la mère l’accompagnera.');
        await spread(ctx, card.id, { sentDaysAgo: 2, received: 3 });
        break;
      }
      case 'in_progress': {
        card = await referrals.acknowledgeReferral(ctx, seedRequest, receiver!, card.id, card.version);
        card = await referrals.startReferral(ctx, seedRequest, receiver!, card.id, card.version);
        await referrals.postMessage(
          ctx,
          seedRequest,
          receiver!,
          card.id,
          'Première consultation faite ; trois séances sont prévues dans les semaines à venir.',
        );
        await spread(ctx, card.id, { sentDaysAgo: 5, received: 2, started: 26 });
        break;
      }
      case 'completed': {
        card = await referrals.acknowledgeReferral(ctx, seedRequest, receiver!, card.id, card.version);
        await referrals.addAttachment(ctx, seedRequest, receiver!, card.id, async () => ({
          fields: { documentType: 'certificate', title: 'Certificat médico-légal' },
          file: certificate,
        }));
        card = await referrals.completeReferral(ctx, seedRequest, receiver!, card.id, {
          measures:
            "Examen médico-légal réalisé le jour même. Certificat d'incapacité de 21 jours joint ; " +
            'copie transmise au parquet sur réquisition. Contrôle prévu dans un mois.',
          version: card.version,
        });
        await spread(ctx, card.id, { sentDaysAgo: 9, received: 1, completed: 20 });
        break;
      }
      case 'declined': {
        card = await referrals.declineReferral(ctx, seedRequest, receiver!, card.id, {
          reason:
            "Pas de psychologue pour enfants au centre hospitalier jusqu'à la fin du mois ; " +
            "orienter vers le centre de santé mentale de l'Entraide nationale.",
          version: card.version,
        });
        await spread(ctx, card.id, { sentDaysAgo: 6, received: 30, declined: 30 });
        break;
      }
      case 'cancelled':
        card = await referrals.cancelReferral(ctx, seedRequest, worker, card.id, card.version);
        await spread(ctx, card.id, { sentDaysAgo: 8, cancelled: 20 });
        break;
      case 'overdue':
        card = await referrals.acknowledgeReferral(ctx, seedRequest, receiver!, card.id, card.version);
        await spread(ctx, card.id, { sentDaysAgo: 6, received: 18, dueInDays: -2 });
        break;
      case 'escalated':
        await spread(ctx, card.id, { sentDaysAgo: 16, dueInDays: -ctx.config.referralEscalationDays - 3 });
        break;
    }
  }
  return count;
}

/** Cards of every pilot; then the reminder and escalation jobs run once, as they would every hour. */
export async function seedDemoReferrals(ctx: AppContext): Promise<number> {
  let count = 0;
  for (const territory of referenceTerritories.territories.filter((t) => t.pilot)) {
    count += await seedTerritory(ctx, territory.code);
  }
  await referrals.remindOverdueReferrals(ctx);
  await referrals.escalateOverdueReferrals(ctx);
  return count;
}
