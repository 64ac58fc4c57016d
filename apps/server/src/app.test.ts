import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, problemOf, signedIn, type TestApp } from '../test/harness';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script src="/assets/app.js"></script></body></html>';

/** The server with a built web app beside it, as `npm start` runs it. */
describe('with the web app built', () => {
  let t: TestApp;
  beforeAll(async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'madar-web-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), INDEX);
    await writeFile(path.join(dist, 'assets', 'app.js'), 'console.log("madar");');
    t = await createTestApp({ MADAR_WEB_DIST: dist });
  });

  it('serves the sign-in page and its assets to anyone', async () => {
    for (const url of ['/', '/login', '/users/0a9c4b52-4bd4-4f8c-9a7e-3f1f0f6d2c11', '/audit?event=logout']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.body).toBe('console.log("madar");');
  });

  it('answers a missing file with a 404 problem, not the page', async () => {
    for (const url of ['/assets/missing.js', '/favicon.png']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problemOf(response).code).toBe('not_found');
    }
  });

  it('keeps the API as it is: problems for unknown routes, sign-in required for the rest', async () => {
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown).code).toBe('route_not_found');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/config' })).statusCode).toBe(200);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(users.statusCode).toBe(401);
    expect(problemOf(users).code).toBe('unauthenticated');

    const admin = await createUser(t.ctx, { roles: ['national_admin'], territoryCode: null });
    const client = await signedIn(t.app, admin.login);
    const post = await client.post('/api/v1/no-such-route', {});
    expect(post.statusCode).toBe(404);
    expect(problemOf(post).code).toBe('route_not_found');
    const docs = await client.get('/api/docs/json');
    expect(docs.statusCode).toBe(200);
    // The catch-all of client-side routes is not part of the API.
    expect(Object.keys(docs.json().paths as object).filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });
});
