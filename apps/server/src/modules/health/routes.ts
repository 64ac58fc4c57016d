import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { FastifyZodInstance } from '../../platform/http/zod';

const tags = ['operations'];

export function healthRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The process is alive',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The database is reachable',
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('unavailable') }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(ctx.db);
        return { status: 'ready' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
}
