import { isLanguage, negotiateLanguage } from '@madar/domain';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../platform/audit';
import { findSession, SESSION_COOKIE, touchSession } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { originOf } from '../../platform/http/request';
import { actorFromRow, pendingStepOf } from './service';

/**
 * Resolves the session cookie into `request.actor` on every request, then enforces each route's
 * declared access: `public`, `pending` (a user between sign-in steps) or `user` (the default).
 */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('pendingStep', null);
  app.decorateRequest('language', 'ar');

  app.addHook('onRequest', async (request) => {
    const header = request.headers['accept-language'];
    request.language = negotiateLanguage(Array.isArray(header) ? header[0] : header);
    // The cookie is a 256-bit random token: unguessable, so it needs no signature; a forged one
    // simply matches no session.
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await findSession(ctx.db, token, ctx.config.sessionIdleSeconds);
    if (found.kind === 'expired') {
      (request as { sessionExpired?: boolean }).sessionExpired = true;
      const { user } = found;
      await recordAudit(ctx.db, originOf(request), {
        event: 'session_expired',
        actor: { id: user.id, login: user.login, territoryCode: user.territory_code },
      });
      return;
    }
    if (found.kind !== 'valid') return;
    const { user } = found;
    if (!user.active) return;
    await touchSession(ctx.db, found.session);
    request.session = found.session;
    request.actor = actorFromRow(user);
    request.pendingStep = pendingStepOf(ctx, user, found.session.mfaVerified);
    // A signed-in user's own language choice wins over the browser's.
    if (!header && isLanguage(user.preferred_language)) request.language = user.preferred_language;
  });

  // Checked as soon as the session is known, before the body is parsed and validated: an anonymous
  // caller gets 401, never a validation error that describes the route's schema.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? 'user';
    if (access === 'public') return;
    // The API documentation describes routes, not data: readable before signing in.
    if (request.url === '/api/docs' || request.url.startsWith('/api/docs/')) return;
    if (!request.session || !request.actor) {
      throw new AppError(
        401,
        (request as { sessionExpired?: boolean }).sessionExpired ? 'session_expired' : 'unauthenticated',
      );
    }
    if (access === 'user' && request.pendingStep) throw new AppError(403, 'step_required');
  });
}
