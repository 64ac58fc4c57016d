import {
  closeReportInputSchema,
  idParamsSchema,
  newReportInputSchema,
  pageOf,
  pageQuerySchema,
  reportDetailSchema,
  reportSummarySchema,
  triageChildInputSchema,
  triageQueueQuerySchema,
} from '@madar/domain';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as reports from './service';

const tags = ['reports'];

export function reportRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.post(
    '/reports',
    {
      schema: {
        tags,
        summary: 'Record a report (بطاقة التبليغ)',
        body: newReportInputSchema,
        response: { 201: reportSummarySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reports.createReport(ctx, request, actorOf(request), request.body)),
  );
  app.get(
    '/reports/triage',
    {
      schema: {
        tags,
        summary: "The CAPE's triage queue: urgent first, then oldest",
        querystring: triageQueueQuerySchema,
        response: { 200: pageOf(reportSummarySchema) },
      },
    },
    async (request) => reports.listTriageQueue(ctx, request, actorOf(request), request.query),
  );
  app.get(
    '/reports/mine',
    {
      schema: {
        tags,
        summary: 'Reports I recorded, with their status',
        querystring: pageQuerySchema,
        response: { 200: pageOf(reportSummarySchema) },
      },
    },
    async (request) => reports.listMyReports(ctx, request, actorOf(request), request.query),
  );
  app.get(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'A report with its content (the view is logged)',
        params: idParamsSchema,
        response: { 200: reportDetailSchema },
      },
    },
    async (request) => reports.getReport(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/reports/:id/triage',
    {
      schema: {
        tags,
        summary: 'Triage one child of a report: open a case, or join an open case',
        params: idParamsSchema,
        body: triageChildInputSchema,
        response: { 200: z.object({ childId: z.uuid(), caseId: z.uuid() }) },
      },
    },
    async (request) => reports.triageChild(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/reports/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a report without a case, with a reason',
        params: idParamsSchema,
        body: closeReportInputSchema,
        response: { 200: reportSummarySchema },
      },
    },
    async (request) => reports.closeReport(ctx, request, actorOf(request), request.params.id, request.body),
  );
}
