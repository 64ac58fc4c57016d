import type { Language, PendingStep } from '@madar/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestOrigin } from '../audit';
import type { Actor } from '../auth/actor';
import type { SessionRow } from '../auth/sessions';

/** Who may call a route: anyone, a user still completing a sign-in step, or a signed-in user. */
export type RouteAccess = 'public' | 'pending' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionRow | null;
    pendingStep: PendingStep | null;
    language: Language;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function originOf(request: FastifyRequest): RequestOrigin {
  return {
    ip: request.ip ?? null,
    userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
    requestId: String(request.id),
  };
}

/** The signed-in actor of a route declared `access: 'user'` (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('actorOf() on a route without a signed-in user');
  return request.actor;
}

/** Sends a stored document as a download: no child's name in the file name, never cached. */
export function sendDocument(
  reply: FastifyReply,
  document: { bytes: Buffer; contentType: string; filename: string },
): FastifyReply {
  return reply
    .type(document.contentType)
    .header('content-disposition', `attachment; filename="${document.filename}"`)
    .header('cache-control', 'no-store, private')
    .send(document.bytes);
}
