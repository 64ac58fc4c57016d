import {
  idParamsSchema,
  notificationListQuerySchema,
  notificationListSchema,
  okSchema,
  outboxEntrySchema,
  pageOf,
  pageQuerySchema,
} from '@madar/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { LiveEvent } from '../../platform/events';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import { authorize } from '../../policies';
import * as repo from './repository';

const tags = ['notifications'];
const HEARTBEAT_MS = 25_000;

export function notificationRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { rows, total, unread } = await repo.listNotifications(ctx.db, actor.id, {
        unread: request.query.unread === 'true',
        limit: request.query.limit,
        offset: request.query.offset,
      });
      return {
        total,
        unread,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          data: r.data as Record<string, string | number | boolean | null>,
          createdAt: r.created_at.toISOString(),
          readAt: r.read_at?.toISOString() ?? null,
        })),
      };
    },
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await repo.markRead(ctx.db, actorOf(request).id, request.params.id);
      return { ok: true as const };
    },
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: 'Mark all my notifications read', response: { 200: okSchema } } },
    async (request) => {
      await repo.markRead(ctx.db, actorOf(request).id, null);
      return { ok: true as const };
    },
  );

  app.get(
    '/outbox',
    {
      schema: {
        tags,
        summary: 'E-mail notices sent, or in demo mode that would have been sent',
        querystring: pageQuerySchema.extend({ territoryCode: z.string().max(60).optional() }),
        response: { 200: pageOf(outboxEntrySchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const territoryCode = actor.territoryCode ?? request.query.territoryCode ?? null;
      await authorize(ctx.db, request, actor, 'read', { type: 'outbox', territoryCode });
      const { rows, total } = await repo.listOutbox(ctx.db, {
        territoryCode,
        limit: request.query.limit,
        offset: request.query.offset,
      });
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          toAddress: r.to_address,
          subject: r.subject,
          body: r.body,
          createdAt: r.created_at.toISOString(),
          sentAt: r.sent_at?.toISOString() ?? null,
          lastError: r.last_error,
        })),
      };
    },
  );

  registerEventStream(app, ctx);
}

/**
 * Server-sent events: a signed-in page keeps one stream open and hears of what concerns its user
 * (new notifications, cards that changed) as soon as any instance commits it.
 */
function registerEventStream(app: FastifyZodInstance, ctx: AppContext) {
  const open = new Set<FastifyReply>();
  // Before the server stops listening: an open stream would otherwise keep the graceful shutdown
  // waiting forever (every signed-in tab holds one).
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
  });

  app.get(
    '/events',
    { schema: { tags, summary: 'Live events for the signed-in user (text/event-stream)', hide: false } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request);
      const token = request.session!.tokenHash;
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(request.id),
      });
      reply.raw.write('retry: 5000\n\n');
      open.add(reply);
      const send = (event: LiveEvent) => {
        if (!event.userIds.includes(actor.id)) return;
        reply.raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
      };
      const unsubscribe = ctx.events.subscribe(send);
      // A heartbeat keeps proxies from closing the stream, and ends it when the session is gone.
      const heartbeat = setInterval(async () => {
        const still = await ctx.db
          .selectFrom('session')
          .select('token_hash')
          .where('token_hash', '=', token)
          .executeTakeFirst()
          .catch(() => undefined);
        if (!still) return reply.raw.end();
        reply.raw.write(': ping\n\n');
      }, HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(reply);
      };
      reply.raw.on('close', close);
    },
  );
}
