import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  countRows,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';
import { problemMessage } from '../messages';
import { fieldsFromIssues } from './problems';

let t: TestApp;
let admin: Client;

const validUser = {
  login: 'problem.test',
  fullName: 'Karim Alaoui',
  email: null,
  phone: null,
  institutionId: null,
  territoryCode: 'tanger-assilah',
  roles: ['social_worker'],
  preferredLanguage: 'ar',
};

beforeAll(async () => {
  t = await createTestApp();
  const row = await createUser(t.ctx, { roles: ['national_admin'], territoryCode: null });
  admin = await signedIn(t.app, row.login);
});

/** A raw request as the signed-in national administrator (so that only the body can be wrong). */
function send(
  payload: string | Buffer,
  options: {
    contentType?: string;
    url?: string;
    method?: 'POST' | 'PUT' | 'GET' | 'DELETE';
    language?: string;
  } = {},
) {
  return t.app.inject({
    method: options.method ?? 'POST',
    url: options.url ?? '/api/v1/users',
    headers: {
      cookie: admin.cookie!,
      'accept-language': options.language ?? 'en',
      ...(options.contentType !== undefined ? { 'content-type': options.contentType } : {}),
    },
    payload,
  });
}

/** Runs a request and checks that it wrote nothing: no account, no audit record. */
async function writesNothing(
  request: () => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse> {
  const users = await countRows(t.ctx, 'app_user');
  const audit = await countRows(t.ctx, 'audit_log');
  const response = await request();
  expect(await countRows(t.ctx, 'app_user')).toBe(users);
  expect(await countRows(t.ctx, 'audit_log')).toBe(audit);
  return response;
}

function expectProblem(
  response: LightMyRequestResponse,
  status: number,
  code: string,
  language: 'ar' | 'fr' | 'en' = 'en',
) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = problemOf(response);
  expect(problem).toMatchObject({
    type: `https://madar.ma/problems/${code}`,
    status,
    code,
    detail: problemMessage(code, language),
  });
  expect(problem.title).toEqual(expect.any(String));
  expect(problem.requestId).toMatch(/^[\w-]{8,64}$/);
  expect(problem.requestId).toBe(response.headers['x-request-id']);
  return problem;
}

describe('problem responses', () => {
  it('malformed JSON → 400 malformed_body', async () => {
    for (const payload of ['{"login":', '{login: 1}', 'nul', '{"a":1}}']) {
      const response = await writesNothing(() => send(payload, { contentType: 'application/json' }));
      expectProblem(response, 400, 'malformed_body');
    }
  });

  it('an empty JSON body → 400 malformed_body', async () => {
    expectProblem(
      await writesNothing(() => send('', { contentType: 'application/json' })),
      400,
      'malformed_body',
    );
  });

  it('an unknown field → 400 unrecognized_keys, naming the field', async () => {
    const response = await writesNothing(() =>
      send(JSON.stringify({ ...validUser, isAdmin: true }), { contentType: 'application/json' }),
    );
    const problem = expectProblem(response, 400, 'validation_failed');
    expect(problem.fields).toEqual([
      { path: 'isAdmin', code: 'unrecognized_keys', message: 'Unknown field.' },
    ]);
  });

  it('a value of the wrong type → 400 invalid_type', async () => {
    const response = await writesNothing(() =>
      send(JSON.stringify({ ...validUser, fullName: 42, roles: true }), { contentType: 'application/json' }),
    );
    expectProblem(response, 400, 'validation_failed');
    expect(fieldCodes(response).sort()).toEqual(['fullName:invalid_type', 'roles:invalid_type']);
  });

  it('a missing field → 400 required', async () => {
    const { fullName: _omitted, ...rest } = validUser;
    const response = await writesNothing(() =>
      send(JSON.stringify(rest), { contentType: 'application/json' }),
    );
    expectProblem(response, 400, 'validation_failed');
    expect(fieldCodes(response)).toEqual(['fullName:required']);
  });

  it('says it in the requested language, fields included', async () => {
    const { fullName: _omitted, ...rest } = validUser;
    const response = await send(JSON.stringify(rest), { contentType: 'application/json', language: 'fr' });
    const problem = expectProblem(response, 400, 'validation_failed', 'fr');
    expect(problem.fields).toEqual([
      { path: 'fullName', code: 'required', message: 'Ce champ est obligatoire.' },
    ]);
    const arabic = await send(JSON.stringify(rest), {
      contentType: 'application/json',
      language: 'ar-MA,ar;q=0.9',
    });
    expect(problemOf(arabic).fields![0]!.message).toBe('هذا الحقل إلزامي.');
  });

  it('a bad query string or path parameter names where the problem is', async () => {
    const query = await send('', { method: 'GET', url: '/api/v1/users?limit=abc&offset=-1' });
    expectProblem(query, 400, 'validation_failed');
    expect(fieldCodes(query).sort()).toEqual([
      'querystring.limit:invalid_type',
      'querystring.offset:too_small',
    ]);
    const params = await send('', { method: 'GET', url: '/api/v1/users/not-a-uuid' });
    expectProblem(params, 400, 'validation_failed');
    expect(fieldCodes(params)).toEqual(['params.id:invalid_format']);
  });

  it('a body over 1 MiB → 413 body_too_large', async () => {
    const huge = JSON.stringify({ ...validUser, fullName: 'x'.repeat(1024 * 1024) });
    const response = await writesNothing(() => send(huge, { contentType: 'application/json' }));
    expectProblem(response, 413, 'body_too_large');
    expect(problemOf(response).title).toBe('Content Too Large');
  });

  it('text/plain on a JSON route → 400 (read as a string, which is not the object expected)', async () => {
    const response = await writesNothing(() =>
      send(JSON.stringify(validUser), { contentType: 'text/plain' }),
    );
    expectProblem(response, 400, 'validation_failed');
    expect(fieldCodes(response)).toEqual([':invalid_type']);
  });

  it('a content type with no parser → 415 unsupported_media_type', async () => {
    for (const contentType of [
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await writesNothing(() => send('<user/>', { contentType }));
      expectProblem(response, 415, 'unsupported_media_type');
    }
  });

  it('an unknown API route → 404 route_not_found, whatever the method', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/users'],
      ['GET', '/api/v2/users'],
    ] as const) {
      const response = await writesNothing(() =>
        send('{}', { method, url, contentType: 'application/json' }),
      );
      const problem = expectProblem(response, 404, 'route_not_found');
      expect(problem.instance).toBe(url);
    }
  });

  it('keeps a well-formed request id given by a proxy, and replaces any other', async () => {
    const given = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { cookie: admin.cookie!, 'x-request-id': 'proxy-req-0042' },
    });
    expect(problemOf(given).requestId).toBe('proxy-req-0042');
    const odd = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { cookie: admin.cookie!, 'x-request-id': 'bad id <script>' },
    });
    expect(problemOf(odd).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the security headers and no caching on API answers', async () => {
    const response = await send('{"login":', { contentType: 'application/json' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
    });
  });
});

describe('fieldsFromIssues', () => {
  it('maps Zod issues to field problems, a known rule code in the message winning', () => {
    expect(
      fieldsFromIssues(
        [
          {
            code: 'invalid_type',
            path: ['a', 0, 'b'],
            message: 'Invalid input: expected string, received undefined',
          },
          { code: 'invalid_type', path: ['n'], message: 'Invalid input: expected number, received string' },
          { code: 'invalid_format', path: ['phone'], message: 'phone_format' },
          { code: 'unrecognized_keys', path: [], keys: ['x', 'y'] },
          { code: 'too_small', path: ['q'], message: 'some free text' },
        ],
        'querystring',
      ),
    ).toEqual([
      { path: 'querystring.a.0.b', code: 'required' },
      { path: 'querystring.n', code: 'invalid_type' },
      { path: 'querystring.phone', code: 'phone_format' },
      { path: 'querystring.x', code: 'unrecognized_keys' },
      { path: 'querystring.y', code: 'unrecognized_keys' },
      { path: 'querystring.q', code: 'too_small' },
    ]);
  });
});

describe('operations endpoints', () => {
  it('GET /api/health → ok, and /api/ready → ready, without signing in', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('GET /api/docs/json → an OpenAPI 3.1 document of the API', async () => {
    const response = await admin.get('/api/docs/json');
    expect(response.statusCode).toBe(200);
    const document = response.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Madar API');
    expect(Object.keys(document.paths['/api/v1/users']!).sort()).toEqual(['get', 'post']);
    expect(document.paths).toHaveProperty(['/api/v1/users/{id}', 'put']);
    expect(document.paths).toHaveProperty(['/api/v1/auth/login', 'post']);
    expect(document.components.securitySchemes).toHaveProperty('session', {
      type: 'apiKey',
      in: 'cookie',
      name: 'madar_session',
    });
  });
});
