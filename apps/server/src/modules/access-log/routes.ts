import { accessLogQuerySchema, accessLogRowSchema, pageOf } from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import { authorize } from '../../policies';
import { listAccess } from './repository';

export function accessLogRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/access-log',
    {
      schema: {
        tags: ['audit'],
        summary: "Who viewed children's identities and files, newest first",
        querystring: accessLogQuerySchema,
        response: { 200: pageOf(accessLogRowSchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // A provincial reader sees their territory whatever is asked; a national auditor may narrow.
      const territoryCode = actor.territoryCode ?? request.query.territoryCode ?? null;
      if (territoryCode === null && actor.territoryCode !== null)
        throw badRequest([{ path: 'territoryCode', code: 'required' }]);
      await authorize(ctx.db, request, actor, 'read', { type: 'accessLog', territoryCode });
      const { rows, total } = await listAccess(ctx.db, { ...request.query, territoryCode });
      return {
        total,
        items: rows.map((r) => ({
          at: r.at.toISOString(),
          userId: r.user_id,
          userLogin: r.login,
          userFullName: r.full_name,
          what: r.what,
          targetId: r.target_id,
          childId: r.child_id,
          childCode: r.code,
          caseId: r.case_id,
          territoryCode: r.territory_code,
        })),
      };
    },
  );
}
