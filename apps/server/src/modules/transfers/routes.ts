import {
  caseTransferListSchema,
  caseTransferSchema,
  idParamsSchema,
  newTransferInputSchema,
  pageOf,
  transferCancelInputSchema,
  transferDecisionInputSchema,
  transferListQuerySchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as transfers from './service';

const tags = ['transfers between provinces'];

export function transferRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.post(
    '/cases/:id/transfers',
    {
      schema: {
        tags,
        summary:
          "Ask another province's DTIPE to take the case (the CAPE coordinator of the case's province)",
        params: idParamsSchema,
        body: newTransferInputSchema,
        response: { 201: caseTransferSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await transfers.requestTransfer(ctx, request, actorOf(request), request.params.id, request.body),
        ),
  );
  app.get(
    '/cases/:id/transfers',
    {
      schema: {
        tags,
        summary: "The case's transfer requests, oldest first (CAPE staff of the province that holds it)",
        params: idParamsSchema,
        response: { 200: caseTransferListSchema },
      },
    },
    async (request) => transfers.transfersOfCase(ctx, request, actorOf(request), request.params.id),
  );
  app.get(
    '/transfers',
    {
      schema: {
        tags,
        summary: "The coordinator's incoming or outgoing requests for their territory, newest first",
        querystring: transferListQuerySchema,
        response: { 200: pageOf(caseTransferSchema) },
      },
    },
    async (request) => transfers.listTransfers(ctx, request, actorOf(request), request.query),
  );
  app.get(
    '/transfers/:id',
    {
      schema: {
        tags,
        summary: 'One request (the coordinators of both provinces)',
        params: idParamsSchema,
        response: { 200: caseTransferSchema },
      },
    },
    async (request) => transfers.getTransfer(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/transfers/:id/decision',
    {
      schema: {
        tags,
        summary:
          'Accept (the case moves to this province) or decline with a reason (the receiving coordinator)',
        params: idParamsSchema,
        body: transferDecisionInputSchema,
        response: { 200: caseTransferSchema },
      },
    },
    async (request) =>
      transfers.decideTransfer(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/transfers/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Withdraw an open request (the sending coordinator)',
        params: idParamsSchema,
        body: transferCancelInputSchema,
        response: { 200: caseTransferSchema },
      },
    },
    async (request) =>
      transfers.cancelTransfer(ctx, request, actorOf(request), request.params.id, request.body),
  );
}
