import {
  assessmentCreatedSchema,
  assessmentListSchema,
  createAssessmentInputSchema,
  createEvaluationInputSchema,
  evaluationCreatedSchema,
  evaluationListSchema,
  idParamsSchema,
  instrumentDetailSchema,
  instrumentListSchema,
  loadInstrumentInputSchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as assessments from './service';

const tags = ['assessments'];

export function assessmentRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/assessment-instruments',
    {
      schema: {
        tags,
        summary: 'Versions of the danger-assessment instrument',
        response: { 200: instrumentListSchema },
      },
    },
    async (request) => assessments.listInstruments(ctx, request, actorOf(request)),
  );
  app.get(
    '/assessment-instruments/active',
    {
      schema: {
        tags,
        summary: 'The active instrument, whole (what the assessment form is drawn from)',
        response: { 200: instrumentDetailSchema },
      },
    },
    async (request) => assessments.getActiveInstrument(ctx, request, actorOf(request)),
  );
  app.post(
    '/assessment-instruments',
    {
      schema: {
        tags,
        summary: 'Load a new instrument version (national administrator); it becomes the active one',
        body: loadInstrumentInputSchema,
        response: { 201: instrumentDetailSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assessments.loadInstrument(ctx, request, actorOf(request), request.body)),
  );

  app.get(
    '/cases/:id/assessments',
    {
      schema: {
        tags,
        summary: "A case's danger assessments, newest first",
        params: idParamsSchema,
        response: { 200: assessmentListSchema },
      },
    },
    async (request) => assessments.listAssessments(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/assessments',
    {
      schema: {
        tags,
        summary: 'Assess the danger (scored with the active instrument); the case takes its level',
        params: idParamsSchema,
        body: createAssessmentInputSchema,
        response: { 201: assessmentCreatedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await assessments.createAssessment(ctx, request, actorOf(request), request.params.id, request.body),
        ),
  );

  app.get(
    '/cases/:id/evaluations',
    {
      schema: {
        tags,
        summary: "A case's evaluation cards, newest first",
        params: idParamsSchema,
        response: { 200: evaluationListSchema },
      },
    },
    async (request) => assessments.listEvaluations(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/evaluations',
    {
      schema: {
        tags,
        summary: 'Write an evaluation card: the situation now against the initial diagnosis',
        params: idParamsSchema,
        body: createEvaluationInputSchema,
        response: { 201: evaluationCreatedSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await assessments.createEvaluation(ctx, request, actorOf(request), request.params.id, request.body),
        ),
  );
}
