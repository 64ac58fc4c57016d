import {
  createUserInputSchema,
  createUserResultSchema,
  idParamsSchema,
  pageOf,
  passwordResetResultSchema,
  updateUserInputSchema,
  userListQuerySchema,
  userOpenCasesSchema,
  userSchema,
} from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as users from './service';

const tags = ['users'];

export function userRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List accounts within the administrator’s scope',
        querystring: userListQuerySchema,
        response: { 200: pageOf(userSchema) },
      },
    },
    async (request) => users.listUsers(ctx, request, actorOf(request), request.query),
  );
  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create an account (returns a one-time temporary password)',
        body: createUserInputSchema,
        response: { 201: createUserResultSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await users.createUser(ctx, request, actorOf(request), request.body)),
  );
  app.get(
    '/users/:id',
    { schema: { tags, summary: 'One account', params: idParamsSchema, response: { 200: userSchema } } },
    async (request) => users.getUser(ctx, request, actorOf(request), request.params.id),
  );
  app.put(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Update an account (version-checked)',
        params: idParamsSchema,
        body: updateUserInputSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => users.updateUser(ctx, request, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/users/:id/open-cases',
    {
      schema: {
        tags,
        summary: 'How many open cases the account holds (deactivating it returns them to the coordinators)',
        params: idParamsSchema,
        response: { 200: userOpenCasesSchema },
      },
    },
    async (request) => users.openCasesOf(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Reset the password to a one-time temporary password',
        params: idParamsSchema,
        response: { 200: passwordResetResultSchema },
      },
    },
    async (request) => users.resetPassword(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift a lockout after failed sign-ins',
        params: idParamsSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => users.unlockUser(ctx, request, actorOf(request), request.params.id),
  );
}
