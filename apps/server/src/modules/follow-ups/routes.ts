import {
  followUpCreatedSchema,
  followUpListSchema,
  idParamsSchema,
  newFollowUpInputSchema,
  overdueFollowUpListSchema,
  overdueQuerySchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as followUps from './service';

const tags = ['follow-up cards'];

export function followUpRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/cases/:id/follow-ups',
    {
      schema: {
        tags,
        summary: "The case's follow-up cards, latest contact first",
        params: idParamsSchema,
        response: { 200: followUpListSchema },
      },
    },
    async (request) => followUps.listFollowUps(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/follow-ups',
    {
      schema: {
        tags,
        summary:
          "Record a follow-up card; the child's own views are required. Sets the case's next follow-up date",
        params: idParamsSchema,
        body: newFollowUpInputSchema,
        response: { 201: followUpCreatedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await followUps.createFollowUp(ctx, request, actorOf(request), request.params.id, request.body),
        ),
  );
  app.get(
    '/follow-ups/overdue',
    {
      schema: {
        tags,
        summary: "Open cases of a territory whose follow-up date has passed (default: the user's territory)",
        querystring: overdueQuerySchema,
        response: { 200: overdueFollowUpListSchema },
      },
    },
    async (request) => followUps.overdueFollowUps(ctx, request, actorOf(request), request.query),
  );
}
