import {
  assignInputSchema,
  caseListQuerySchema,
  caseSummarySchema,
  closureDecisionInputSchema,
  idParamsSchema,
  pageOf,
  transitionInputSchema,
  transitionSchema,
  updateCaseInputSchema,
} from '@madar/domain';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as cases from './service';

const tags = ['cases'];

const caseDetailSchema = caseSummarySchema.extend({
  permissions: z.record(z.string(), z.boolean()),
  transitions: z.array(transitionSchema),
});

export function caseRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Caseload views and filters',
        querystring: caseListQuerySchema,
        response: { 200: pageOf(caseSummarySchema) },
      },
    },
    async (request) => cases.listCases(ctx, request, actorOf(request), request.query),
  );
  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case: stage, situations, history of the circuit (no identity)',
        params: idParamsSchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => cases.getCase(ctx, request, actorOf(request), request.params.id),
  );
  app.put(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: "The child's situations and forms of harm (version-checked)",
        params: idParamsSchema,
        body: updateCaseInputSchema,
        response: { 200: caseSummarySchema },
      },
    },
    async (request) => cases.updateCase(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/cases/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move the case along the circuit (closing needs the coordinator)',
        params: idParamsSchema,
        body: transitionInputSchema,
        response: { 200: caseSummarySchema },
      },
    },
    async (request) => cases.transitionCase(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/cases/:id/closure-decision',
    {
      schema: {
        tags,
        summary: "The coordinator's decision on a closure request",
        params: idParamsSchema,
        body: closureDecisionInputSchema,
        response: { 200: caseSummarySchema },
      },
    },
    async (request) => cases.decideClosure(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/cases/:id/assignment',
    {
      schema: {
        tags,
        summary: 'Assign or reassign the social worker',
        params: idParamsSchema,
        body: assignInputSchema,
        response: { 200: caseSummarySchema },
      },
    },
    async (request) => cases.assignCase(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/territories/:code/caseworkers',
    {
      schema: {
        tags,
        summary: 'The CAPE caseworkers of a territory',
        params: z.strictObject({ code: z.string().max(60) }),
        response: {
          200: z.array(z.object({ id: z.uuid(), fullName: z.string(), roles: z.array(z.string()) })),
        },
      },
    },
    async (request) => cases.caseworkers(ctx, request, actorOf(request), request.params.code),
  );
}
