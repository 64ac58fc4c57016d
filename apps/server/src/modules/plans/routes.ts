import {
  idParamsSchema,
  newPlanItemInputSchema,
  planItemSchema,
  planSchema,
  planSuggestionsSchema,
  protocolQuerySchema,
  protocolSchema,
  replaceProtocolInputSchema,
  updatePlanItemInputSchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as plans from './service';

const tags = ['case plan'];

export function planRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/protocol-rules',
    {
      schema: {
        tags,
        summary:
          'The protocol that applies in a territory (its own, or the national default); no territory: the national one',
        querystring: protocolQuerySchema,
        response: { 200: protocolSchema },
      },
    },
    async (request) => plans.getProtocol(ctx, request, actorOf(request), request.query),
  );
  app.put(
    '/protocol-rules',
    {
      schema: {
        tags,
        summary:
          "Replace a territory's protocol (version-checked; an empty set returns it to the national default)",
        body: replaceProtocolInputSchema,
        response: { 200: protocolSchema },
      },
    },
    async (request) => plans.replaceProtocol(ctx, request, actorOf(request), request.body),
  );
  app.get(
    '/cases/:id/plan/suggestions',
    {
      schema: {
        tags,
        summary: 'Services the protocol recommends for the case now, not yet in its plan',
        params: idParamsSchema,
        response: { 200: planSuggestionsSchema },
      },
    },
    async (request) => plans.suggestions(ctx, request, actorOf(request), request.params.id),
  );
  app.get(
    '/cases/:id/plan',
    {
      schema: { tags, summary: "The case's plan", params: idParamsSchema, response: { 200: planSchema } },
    },
    async (request) => plans.listPlan(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/plan',
    {
      schema: {
        tags,
        summary: 'Add a service to the plan',
        params: idParamsSchema,
        body: newPlanItemInputSchema,
        response: { 201: planItemSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await plans.createPlanItem(ctx, request, actorOf(request), request.params.id, request.body)),
  );
  app.put(
    '/plan-items/:id',
    {
      schema: {
        tags,
        summary: 'Update a service of the plan: status, institution, due date, need (version-checked)',
        params: idParamsSchema,
        body: updatePlanItemInputSchema,
        response: { 200: planItemSchema },
      },
    },
    async (request) => plans.updatePlanItem(ctx, request, actorOf(request), request.params.id, request.body),
  );
}
