import {
  loginInputSchema,
  okSchema,
  passwordChangeInputSchema,
  preferencesInputSchema,
  publicConfigSchema,
  sessionStateSchema,
  totpCodeInputSchema,
  totpDisableInputSchema,
  totpEnrolmentSchema,
} from '@madar/domain';
import type { FastifyReply } from 'fastify';
import { demoAccountsForDisplay } from '../../demo/accounts';
import { SESSION_COOKIE } from '../../platform/auth/sessions';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { actorOf, originOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as auth from './service';

const tags = ['auth'];

export function authRoutes(app: FastifyZodInstance, ctx: AppContext) {
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
      path: '/',
      maxAge: ctx.config.sessionAbsoluteSeconds,
    });
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });
  const sessionOf = (request: { session: import('../../platform/auth/sessions').SessionRow | null }) => {
    if (!request.session) throw new AppError(401, 'unauthenticated');
    return request.session;
  };

  app.get(
    '/config',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Public settings of this installation',
        response: { 200: publicConfigSchema },
      },
    },
    async () => ({
      demo: ctx.config.mode === 'demo',
      ministryName: ctx.config.ministryName,
      ...(ctx.config.mode === 'demo' ? { demoAccounts: demoAccountsForDisplay() } : {}),
    }),
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with login and password',
        body: loginInputSchema,
        response: { 200: sessionStateSchema },
      },
    },
    async (request, reply) => {
      const { token, state } = await auth.login(ctx, originOf(request), request.body);
      setCookie(reply, token);
      return state;
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: 'The current session and the sign-in step left, if any',
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => auth.currentState(ctx, sessionOf(request)),
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'pending' },
      schema: { tags, summary: 'Sign out of this session', response: { 200: okSchema } },
    },
    async (request, reply) => {
      await auth.logout(ctx, originOf(request), sessionOf(request), request.actor);
      clearCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/logout-everywhere',
    { schema: { tags, summary: 'Sign out of every session of this account', response: { 200: okSchema } } },
    async (request, reply) => {
      await auth.logoutEverywhere(ctx, originOf(request), actorOf(request));
      clearCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/mfa/challenge',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: 'Give the two-factor code after signing in',
        body: totpCodeInputSchema,
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => auth.challengeMfa(ctx, originOf(request), sessionOf(request), request.body.code),
  );

  app.post(
    '/auth/mfa/enrolment',
    {
      config: { access: 'pending' },
      schema: { tags, summary: 'Start two-factor enrolment', response: { 200: totpEnrolmentSchema } },
    },
    async (request) => {
      // Enrolling is open to a fully signed-in user, or one whose only step left is enrolment:
      // a user who still owes a code or a new password must do that first.
      if (request.pendingStep && request.pendingStep !== 'mfa_enrolment')
        throw new AppError(403, 'step_required');
      return auth.startMfaEnrolment(ctx, sessionOf(request).userId);
    },
  );

  app.post(
    '/auth/mfa/enrolment/confirm',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: 'Confirm two-factor enrolment with a first code',
        body: totpCodeInputSchema,
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => {
      if (request.pendingStep && request.pendingStep !== 'mfa_enrolment')
        throw new AppError(403, 'step_required');
      return auth.confirmMfaEnrolment(ctx, originOf(request), sessionOf(request), request.body.code);
    },
  );

  app.post(
    '/auth/mfa/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor off (refused for roles that require it)',
        body: totpDisableInputSchema,
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => auth.disableMfa(ctx, originOf(request), sessionOf(request), request.body.password),
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: 'Change the password (forced after a temporary one)',
        body: passwordChangeInputSchema,
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => {
      if (request.pendingStep === 'mfa_challenge') throw new AppError(403, 'step_required');
      return auth.changePassword(ctx, originOf(request), sessionOf(request), request.body);
    },
  );

  app.put(
    '/me/preferences',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: "Save the user's preferences (language)",
        body: preferencesInputSchema,
        response: { 200: sessionStateSchema },
      },
    },
    async (request) => auth.setPreferences(ctx, sessionOf(request), request.body.preferredLanguage),
  );
}
