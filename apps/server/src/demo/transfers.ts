import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { findUserByLogin } from '../modules/auth/repository';
import { actorFromRow } from '../modules/auth/service';
import * as cases from '../modules/cases/service';
import * as transfers from '../modules/transfers/service';
import type { Actor } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';

/**
 * Transfers between provinces in the demo: one case Rabat handed to Tanger-Assilah weeks ago
 * (accepted, then assigned there), and one Tanger-Assilah asked Rabat to take, waiting for Rabat's
 * coordinator. Written through the services, after the demo cases exist.
 */

// The services expect the HTTP request they were called from: for audit origin and access logs.
const seedRequest = {
  ip: '127.0.0.1',
  id: 'demo-seed',
  method: 'SEED',
  headers: { 'user-agent': 'madar-demo-seed' },
  routeOptions: { url: 'demo-seed' },
} as unknown as FastifyRequest;

async function actor(ctx: AppContext, login: string): Promise<Actor> {
  const row = await findUserByLogin(ctx.db, login);
  if (!row) throw new Error(`demo account ${login} missing`);
  return actorFromRow(row);
}

/** An open case of a territory at a stage (the demo has one or two of each). */
async function demoCase(ctx: AppContext, territoryCode: string, stage: string) {
  return (
    ctx.db
      .selectFrom('protection_case')
      .select(['id', 'version'])
      .where('territory_code', '=', territoryCode)
      .where('stage', '=', stage)
      .where('closed_at', 'is', null)
      // Of two cases at one stage, the one without overdue follow-up: the overdue one stays Rabat's example.
      .orderBy(sql`next_follow_up_on < current_date`)
      .orderBy('opened_at', 'desc')
      .executeTakeFirst()
  );
}

export async function seedDemoTransfers(ctx: AppContext): Promise<void> {
  const rabat = await actor(ctx, 'coordinateur.rabat');
  const tanger = await actor(ctx, 'coordinateur.tanger');
  const tangerWorker = await actor(ctx, 'as.tanger');

  // Accepted weeks ago: Rabat still has a case in care (the overdue one), Tanger-Assilah gains one.
  const moved = await demoCase(ctx, 'rabat', 'care');
  if (moved) {
    const asked = await transfers.requestTransfer(ctx, seedRequest, rabat, moved.id, {
      toTerritoryCode: 'tanger-assilah',
      reason:
        "La famille s'installe à Tanger (mutation professionnelle du père). La prise en charge médicale et la " +
        'scolarité se poursuivront à Tanger-Assilah.',
    });
    const accepted = await transfers.decideTransfer(ctx, seedRequest, tanger, asked.id, {
      accept: true,
      note: 'Dossier repris par le CAPE de Tanger-Assilah ; première visite prévue dès la réaffectation.',
      version: asked.version,
    });
    const kase = await ctx.db
      .selectFrom('protection_case')
      .select('version')
      .where('id', '=', accepted.caseId)
      .executeTakeFirstOrThrow();
    await cases.assignCase(ctx, seedRequest, tanger, accepted.caseId, {
      workerId: tangerWorker.id,
      version: kase.version,
    });
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('case_transfer')
        .set({
          requested_at: sql<Date>`now() - interval '21 days'`,
          decided_at: sql<Date>`now() - interval '18 days'`,
        })
        .where('id', '=', asked.id)
        .execute();
      await sql`
        UPDATE case_assignment SET at = now() - interval '18 days'
        WHERE case_id = ${accepted.caseId} AND at > now() - interval '1 hour'`.execute(tx);
    });
  }

  // Waiting: Tanger-Assilah asks Rabat to take a child going to live with family there.
  const leaving = await demoCase(ctx, 'tanger-assilah', 'reintegration');
  if (leaving) {
    const asked = await transfers.requestTransfer(ctx, seedRequest, tanger, leaving.id, {
      toTerritoryCode: 'rabat',
      reason:
        "L'enfant est confié à sa tante maternelle, qui vit à Rabat, sur décision du juge des mineurs. La " +
        'réinsertion familiale et le suivi doivent se poursuivre à Rabat.',
    });
    await ctx.db
      .updateTable('case_transfer')
      .set({ requested_at: sql<Date>`now() - interval '2 days'` })
      .where('id', '=', asked.id)
      .execute();
  }
}
