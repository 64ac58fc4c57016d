import multipart from '@fastify/multipart';
import {
  circuitQuerySchema,
  circuitSchema,
  completeReferralInputSchema,
  declineReferralInputSchema,
  idParamsSchema,
  newReferralInputSchema,
  newReferralMessageInputSchema,
  referralAttachmentSchema,
  referralCardSchema,
  referralListQuerySchema,
  referralListSchema,
  referralMessageListSchema,
  referralMessageSchema,
  referralStepInputSchema,
  referralSuggestionsSchema,
  territoryCodeParamsSchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf, sendDocument } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import { DOCUMENT_UPLOAD_OPTIONS, readUpload } from '../records/routes';
import * as referrals from './service';

const tags = ['referral cards'];

export function referralRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/plan-items/:id/referral/suggestions',
    {
      schema: {
        tags,
        summary:
          "Institutions to refer a plan item's service to: of the case's territory offering it (or of its sector), then of other territories offering it",
        params: idParamsSchema,
        response: { 200: referralSuggestionsSchema },
      },
    },
    async (request) => referrals.suggestions(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/plan-items/:id/referral',
    {
      schema: {
        tags,
        summary: 'Write a referral card (a draft) for a service of the case plan',
        params: idParamsSchema,
        body: newReferralInputSchema,
        response: { 201: referralCardSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await referrals.createReferral(ctx, request, actorOf(request), request.params.id, request.body),
        ),
  );

  app.get(
    '/referrals',
    {
      schema: {
        tags,
        summary:
          "The partner's inbox (cards addressed to my institution) or the CAPE's outbox (my territory's cards)",
        querystring: referralListQuerySchema,
        response: { 200: referralListSchema },
      },
    },
    async (request) => referrals.listReferrals(ctx, request, actorOf(request), request.query),
  );
  app.get(
    '/cases/:id/referrals',
    {
      schema: {
        tags,
        summary: 'The referral cards of a case',
        params: idParamsSchema,
        response: { 200: referralListSchema },
      },
    },
    async (request) => referrals.caseReferrals(ctx, request, actorOf(request), request.params.id),
  );
  app.get(
    '/referrals/:id',
    {
      schema: {
        tags,
        summary:
          'One card: all of it for the sending CAPE, the shared sections only for the receiving institution (its views are logged)',
        params: idParamsSchema,
        response: { 200: referralCardSchema },
      },
    },
    async (request) => referrals.getCard(ctx, request, actorOf(request), request.params.id),
  );

  const step = (path: string, summary: string, run: typeof referrals.sendReferral) =>
    app.post(
      `/referrals/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParamsSchema,
          body: referralStepInputSchema,
          response: { 200: referralCardSchema },
        },
      },
      async (request) => run(ctx, request, actorOf(request), request.params.id, request.body.version),
    );
  step('send', 'Send a draft to the receiving institution (the sending CAPE)', referrals.sendReferral);
  step('acknowledge', 'Acknowledge receipt (the receiving institution)', referrals.acknowledgeReferral);
  step('start', 'Mark the service in progress (the receiving institution)', referrals.startReferral);
  step('cancel', 'Withdraw the card while it is not closed (the sending CAPE)', referrals.cancelReferral);
  app.post(
    '/referrals/:id/complete',
    {
      schema: {
        tags,
        summary: 'Answer with the measures taken (documents uploaded before); the plan item is delivered',
        params: idParamsSchema,
        body: completeReferralInputSchema,
        response: { 200: referralCardSchema },
      },
    },
    async (request) =>
      referrals.completeReferral(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/referrals/:id/decline',
    {
      schema: {
        tags,
        summary: 'Decline with a reason; the plan item is planned again',
        params: idParamsSchema,
        body: declineReferralInputSchema,
        response: { 200: referralCardSchema },
      },
    },
    async (request) =>
      referrals.declineReferral(ctx, request, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/referrals/:id/messages',
    {
      schema: {
        tags,
        summary: "The card's thread, oldest first",
        params: idParamsSchema,
        response: { 200: referralMessageListSchema },
      },
    },
    async (request) => referrals.listMessages(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/referrals/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write on the thread (either side, once sent; not on a cancelled card)',
        params: idParamsSchema,
        body: newReferralMessageInputSchema,
        response: { 201: referralMessageSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await referrals.postMessage(ctx, request, actorOf(request), request.params.id, request.body.body),
        ),
  );

  // Multipart is accepted on this route only, with the limits of the child's documents.
  app.register(async (scope) => {
    const uploads = scope as unknown as FastifyZodInstance;
    await uploads.register(multipart, DOCUMENT_UPLOAD_OPTIONS);
    uploads.post(
      '/referrals/:id/attachments',
      {
        schema: {
          tags,
          summary:
            'Join a document to the card (multipart/form-data: documentType, title, file — PDF, JPEG, PNG or WebP, at most 10 MiB)',
          consumes: ['multipart/form-data'],
          params: idParamsSchema,
          response: { 201: referralAttachmentSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await referrals.addAttachment(ctx, request, actorOf(request), request.params.id, () =>
              readUpload(request),
            ),
          ),
    );
  });
  app.get(
    '/referral-attachments/:id/content',
    {
      schema: {
        tags,
        summary: "Download a card's document (every download is logged)",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const document = await referrals.downloadAttachment(ctx, request, actorOf(request), request.params.id);
      return sendDocument(reply, document);
    },
  );

  app.get(
    '/territories/:code/circuit',
    {
      schema: {
        tags,
        summary:
          'Where children wait: per sector and service, cards sent, median hours to acknowledge and complete, share overdue, open now',
        params: territoryCodeParamsSchema,
        querystring: circuitQuerySchema,
        response: { 200: circuitSchema },
      },
    },
    async (request) =>
      referrals.circuitView(ctx, request, actorOf(request), request.params.code, request.query),
  );
}
