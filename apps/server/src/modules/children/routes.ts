import {
  accessLogEntrySchema,
  childProfileSchema,
  childSearchInputSchema,
  childSearchResultSchema,
  childWithIdentitySchema,
  idParamsSchema,
  mergeChildrenInputSchema,
  newChildInputSchema,
  updateChildIdentityInputSchema,
} from '@madar/domain';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as children from './service';

const tags = ['children'];

export function childRoutes(app: FastifyZodInstance, ctx: AppContext) {
  // POST, not GET: names and birth dates must never travel in a URL (logs, proxies, history).
  app.post(
    '/children/search',
    {
      schema: {
        tags,
        summary: 'Find a child by name (Arabic or Latin), birth date, parent, phone or code',
        body: childSearchInputSchema,
        response: { 200: childSearchResultSchema },
      },
    },
    async (request) => children.searchChildren(ctx, request, actorOf(request), request.body),
  );
  app.post(
    '/children/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicates of a child about to be registered',
        body: newChildInputSchema,
        response: { 200: childSearchResultSchema },
      },
    },
    async (request) => children.findDuplicates(ctx, request, actorOf(request), request.body),
  );
  app.get(
    '/children/:id',
    {
      schema: {
        tags,
        summary: "A child's pseudonymous profile (code, sex, age band)",
        params: idParamsSchema,
        response: { 200: childProfileSchema },
      },
    },
    async (request) => children.getProfile(ctx, request, actorOf(request), request.params.id),
  );
  app.get(
    '/children/:id/identity',
    {
      schema: {
        tags,
        summary: "A child's identity (the view is logged)",
        params: idParamsSchema,
        response: { 200: childWithIdentitySchema },
      },
    },
    async (request) => children.readIdentity(ctx, request, actorOf(request), request.params.id),
  );
  app.put(
    '/children/:id/identity',
    {
      schema: {
        tags,
        summary: "Correct a child's identity (version-checked)",
        params: idParamsSchema,
        body: updateChildIdentityInputSchema,
        response: { 200: childWithIdentitySchema },
      },
    },
    async (request) =>
      children.updateIdentity(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/children/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into the child kept (both histories stay)',
        body: mergeChildrenInputSchema,
        response: { 200: childProfileSchema },
      },
    },
    async (request) => children.mergeChildren(ctx, request, actorOf(request), request.body),
  );
  app.get(
    '/children/:id/access-log',
    {
      schema: {
        tags,
        summary: "Who viewed this child's identity and files",
        params: idParamsSchema,
        response: { 200: z.array(accessLogEntrySchema) },
      },
    },
    async (request) => children.accessLog(ctx, request, actorOf(request), request.params.id),
  );
}
