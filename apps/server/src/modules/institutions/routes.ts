import {
  createInstitutionInputSchema,
  idParamsSchema,
  institutionListQuerySchema,
  institutionSchema,
  pageOf,
  updateInstitutionInputSchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as institutions from './service';

const tags = ['institutions'];

export function institutionRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/institutions',
    {
      schema: {
        tags,
        summary: 'Institutions of the actor map',
        querystring: institutionListQuerySchema,
        response: { 200: pageOf(institutionSchema) },
      },
    },
    async (request) => institutions.listInstitutions(ctx, request.query),
  );
  app.post(
    '/institutions',
    {
      schema: {
        tags,
        summary: 'Add an institution',
        body: createInstitutionInputSchema,
        response: { 201: institutionSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await institutions.createInstitution(ctx, request, actorOf(request), request.body)),
  );
  app.get(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: 'One institution',
        params: idParamsSchema,
        response: { 200: institutionSchema },
      },
    },
    async (request) => institutions.getInstitution(ctx, request, actorOf(request), request.params.id),
  );
  app.put(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: 'Update an institution (version-checked)',
        params: idParamsSchema,
        body: updateInstitutionInputSchema,
        response: { 200: institutionSchema },
      },
    },
    async (request) =>
      institutions.updateInstitution(ctx, request, actorOf(request), request.params.id, request.body),
  );
}
