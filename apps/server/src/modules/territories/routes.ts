import { communeSchema, createCommuneInputSchema, referenceDataSchema } from '@madar/domain';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { AppContext } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { actorOf, originOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import { authorize } from '../../policies';
import * as repo from './repository';

const tags = ['territories'];

const toCommune = (row: { id: string; territory_code: string; name_ar: string; name_fr: string }) => ({
  id: row.id,
  territoryCode: row.territory_code,
  nameAr: row.name_ar,
  nameFr: row.name_fr,
});

export function territoryRoutes(app: FastifyZodInstance, ctx: AppContext) {
  // Public: the public directory of services needs the territories too, and they hold no personal data.
  app.get(
    '/reference',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Regions, prefectures/provinces and sectors',
        response: { 200: referenceDataSchema },
      },
    },
    async (_request, reply) => {
      const data = await repo.referenceData(ctx.db);
      reply.header('cache-control', 'public, max-age=300');
      return {
        regions: data.regions.map((r) => ({ code: r.code, nameAr: r.name_ar, nameFr: r.name_fr })),
        territories: data.territories.map((t) => ({
          code: t.code,
          regionCode: t.region_code,
          kind: t.kind,
          nameAr: t.name_ar,
          nameFr: t.name_fr,
          pilot: t.pilot,
          caseCodePrefix: t.case_code_prefix,
          dtipeEstablished: t.dtipe_code !== null,
        })),
        sectors: data.sectors.map((s) => ({
          code: s.code,
          nameAr: s.name_ar,
          nameFr: s.name_fr,
          nameEn: s.name_en,
        })),
      };
    },
  );

  app.get(
    '/territories/:code/communes',
    {
      schema: {
        tags,
        summary: 'Communes of a prefecture or province',
        params: z.strictObject({ code: z.string().max(60) }),
        response: { 200: z.array(communeSchema) },
      },
    },
    async (request) => {
      if (!(await repo.territoryExists(ctx.db, request.params.code))) throw notFound();
      return (await repo.listCommunes(ctx.db, request.params.code)).map(toCommune);
    },
  );

  app.post(
    '/communes',
    {
      schema: {
        tags,
        summary: 'Add a commune to a prefecture or province',
        body: createCommuneInputSchema,
        response: { 201: communeSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = request.body;
      await authorize(ctx.db, request, actor, 'create', {
        type: 'commune',
        territoryCode: input.territoryCode,
      });
      if (!(await repo.territoryExists(ctx.db, input.territoryCode))) {
        throw badRequest([{ path: 'territoryCode', code: 'unknown_code' }]);
      }
      const row = await ctx.db.transaction().execute(async (tx) => {
        const inserted = await repo.insertCommune(tx, {
          territory_code: input.territoryCode,
          name_ar: input.nameAr,
          name_fr: input.nameFr,
        });
        if (!inserted) throw badRequest([{ path: 'nameFr', code: 'duplicate' }]);
        await recordAudit(tx, originOf(request), {
          event: 'commune_created',
          actor,
          target: { type: 'commune', id: inserted.id },
          territoryCode: input.territoryCode,
        });
        return inserted;
      });
      return reply.status(201).send(toCommune(row));
    },
  );
}
