import { type AuditEntry, auditEntrySchema, auditListQuerySchema, pageOf } from '@madar/domain';
import type { AppContext } from '../../platform/context';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import { authorize } from '../../policies';
import { listAuditEntries } from './repository';

export function auditRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'The security audit log, newest first',
        querystring: auditListQuerySchema,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // A provincial auditor reads the entries of their province only.
      const territoryCode = actor.territoryCode;
      await authorize(ctx.db, request, actor, 'read', { type: 'auditLog', territoryCode });
      const { rows, total } = await listAuditEntries(ctx.db, { ...request.query, territoryCode });
      return {
        total,
        items: rows.map(
          (r): AuditEntry => ({
            id: r.id,
            at: r.at.toISOString(),
            event: r.event as AuditEntry['event'],
            outcome: r.outcome,
            actorUserId: r.actor_user_id,
            actorLogin: r.actor_login,
            targetType: r.target_type,
            targetId: r.target_id,
            territoryCode: r.territory_code,
            ip: r.ip,
            userAgent: r.user_agent,
            requestId: r.request_id,
            details: r.details,
          }),
        ),
      };
    },
  );
}
