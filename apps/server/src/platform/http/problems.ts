import type { Language } from '@madar/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from '../errors';
import { fieldMessage, hasFieldMessage, problemMessage } from '../messages';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  fields?: FieldProblem[],
  current?: unknown,
) {
  const language: Language = request.language ?? 'ar';
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://madar.ma/problems/${code}`,
      title: TITLES[status] ?? 'Error',
      status,
      code,
      detail: problemMessage(code, language),
      instance: request.url.split('?')[0],
      requestId: String(request.id),
      ...(fields?.length
        ? {
            fields: fields.map((f) => ({
              path: f.path,
              code: f.code,
              message: fieldMessage(f.code, language),
            })),
          }
        : {}),
      ...(current !== undefined ? { current } : {}),
    });
}

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message?: string;
  keys?: string[] | undefined;
}

/** Zod issues → field problems; a custom message that names a known rule code wins over the issue code. */
export function fieldsFromIssues(issues: ZodLikeIssue[], prefix?: string): FieldProblem[] {
  return issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, code: 'unrecognized_keys' }));
    }
    const code =
      issue.message && hasFieldMessage(issue.message)
        ? issue.message
        : issue.code === 'invalid_type' && issue.message?.endsWith('received undefined')
          ? 'required'
          : issue.code;
    return [{ path: base, code }];
  });
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.extra?.headers) reply.headers(error.extra.headers);
      return sendProblem(request, reply, error.status, error.code, error.fields, error.extra?.current);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message,
        keys: (v.params as { keys?: string[] }).keys,
      }));
      const where = error.validationContext === 'body' ? undefined : error.validationContext;
      return sendProblem(request, reply, 400, 'validation_failed', fieldsFromIssues(issues, where));
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: { message: error.message, method: error.method, url: error.url } },
        'response did not match its schema',
      );
      return sendProblem(request, reply, 500, 'internal_error');
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendProblem(request, reply, 413, 'body_too_large');
    if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendProblem(request, reply, 415, 'unsupported_media_type');
    }
    if (status === 429) return sendProblem(request, reply, 429, 'rate_limited');
    if (status >= 400 && status < 500) return sendProblem(request, reply, 400, 'malformed_body');
    // Only the error's name and message: a stack or a query could carry personal data.
    request.log.error(
      { err: { type: error.name, message: error.message, code: error.code } },
      'unhandled error',
    );
    return sendProblem(request, reply, 500, 'internal_error');
  });

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 404, 'route_not_found'));
}
