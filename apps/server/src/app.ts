import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accessLogRoutes } from './modules/access-log/routes';
import { assessmentRoutes } from './modules/assessments/routes';
import { auditRoutes } from './modules/audit/routes';
import { registerAuthentication } from './modules/auth/hook';
import { authRoutes } from './modules/auth/routes';
import { caseRoutes } from './modules/cases/routes';
import { childRoutes } from './modules/children/routes';
import { followUpRoutes } from './modules/follow-ups/routes';
import { healthRoutes } from './modules/health/routes';
import { institutionRoutes, publicDirectoryRoutes } from './modules/institutions/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { planRoutes } from './modules/plans/routes';
import { recordRoutes } from './modules/records/routes';
import { referralRoutes } from './modules/referrals/routes';
import { reportRoutes } from './modules/reports/routes';
import { territoryRoutes } from './modules/territories/routes';
import { transferRoutes } from './modules/transfers/routes';
import { userRoutes } from './modules/users/routes';
import type { AppContext } from './platform/context';
import { registerProblemHandlers, sendProblem } from './platform/http/problems';
import type { FastifyZodInstance } from './platform/http/zod';

const API_PREFIX = '/api/v1';

/** Log lines carry the method, the path without its query string, and ids: never personal data. */
function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      remove: true,
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function buildApp(
  ctx: AppContext,
  options: { logger?: boolean } = {},
): Promise<FastifyZodInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: undefined,
  }).withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as unknown as FastifyZodInstance;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    } else if (!request.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
  });

  await app.register(cookie);
  // Per-route limits only (sign-in); the account lockout is the main defence and works across
  // instances, this one slows password spraying over many accounts from one address.
  await app.register(rateLimit, { global: false });
  registerAuthentication(app, ctx);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Madar API',
        description:
          'Information system of the integrated territorial child-protection mechanisms (DTIPE). Errors are application/problem+json.',
        version: '1',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'madar_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  await app.register(
    async (api) => {
      const z = api as unknown as FastifyZodInstance;
      healthRoutes(z, ctx);
    },
    { prefix: '/api' },
  );
  // Public pages' data (no login, rate-limited): the directory of services.
  await app.register(
    async (api) => {
      publicDirectoryRoutes(api as unknown as FastifyZodInstance, ctx);
    },
    { prefix: '/api/public' },
  );
  await app.register(
    async (api) => {
      const z = api as unknown as FastifyZodInstance;
      authRoutes(z, ctx);
      territoryRoutes(z, ctx);
      institutionRoutes(z, ctx);
      userRoutes(z, ctx);
      auditRoutes(z, ctx);
      accessLogRoutes(z, ctx);
      notificationRoutes(z, ctx);
      reportRoutes(z, ctx);
      childRoutes(z, ctx);
      caseRoutes(z, ctx);
      assessmentRoutes(z, ctx);
      planRoutes(z, ctx);
      followUpRoutes(z, ctx);
      recordRoutes(z, ctx);
      referralRoutes(z, ctx);
      transferRoutes(z, ctx);
    },
    { prefix: API_PREFIX },
  );

  await registerWebApp(app, ctx.config.webDist);
  return app;
}

/**
 * Serves the built web app, with every other GET answered by index.html (client-side routes). Its
 * routes are public: the sign-in page is one of them. Client-side routes are a catch-all GET route,
 * since the root's not-found handler (problem+json, for the other methods) can be set only once.
 */
async function registerWebApp(app: FastifyZodInstance, webDist: string) {
  const index = path.join(webDist, 'index.html');
  if (!existsSync(index)) {
    app.log.warn('web app not built: run `npm run build`');
    return;
  }
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await web.register(fastifyStatic, { root: webDist, wildcard: false, index: false, maxAge: '1h' });
    web.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url === '/api') {
        return sendProblem(request, reply, 404, 'route_not_found');
      }
      const file = request.url.split('?')[0]!;
      if (file.startsWith('/assets/') || /\.\w{2,5}$/.test(file)) {
        return sendProblem(request, reply, 404, 'not_found');
      }
      // Never cached: a new release must reach the browser at its next visit.
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    });
  });
}
