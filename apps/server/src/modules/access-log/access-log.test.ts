import { beforeAll, describe, expect, it } from 'vitest';
import { openCaseThroughTriage } from '../../../test/fixtures';
import { type Client, createTestApp, createUser, signedIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let worker: Client;
let childId: string;
let childCode: string;

beforeAll(async () => {
  t = await createTestApp();
  const w = await createUser(t.ctx, { roles: ['social_worker'] });
  worker = await signedIn(t.app, w.login);
  ({ childId } = await openCaseThroughTriage(worker, { workerId: w.id }));
  childCode = (await worker.get(`/api/v1/children/${childId}`)).json().code;
  expect((await worker.get(`/api/v1/children/${childId}/identity`)).statusCode).toBe(200);
});

async function as(
  roles: Parameters<typeof createUser>[1]['roles'],
  territoryCode: string | null = 'tanger-assilah',
) {
  return signedIn(t.app, (await createUser(t.ctx, { roles, territoryCode })).login);
}

describe("the log of views of children's data", () => {
  it('shows the provincial auditor and the coordinator who viewed which child', async () => {
    for (const reader of [await as(['dp_auditor']), await as(['cape_coordinator'])]) {
      const response = await reader.get(`/api/v1/access-log?childCode=${childCode}&what=identity`);
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { childCode: string; what: string; userLogin: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items[0]).toMatchObject({ childCode, what: 'identity' });
    }
  });

  it('a national auditor reads any territory; a provincial one only theirs', async () => {
    const national = await as(['dp_auditor'], null);
    expect(
      (await national.get('/api/v1/access-log?territoryCode=tanger-assilah')).json().total,
    ).toBeGreaterThan(0);
    const rabat = await as(['dp_auditor'], 'rabat');
    const asked = await rabat.get('/api/v1/access-log?territoryCode=tanger-assilah');
    expect(asked.statusCode).toBe(200);
    expect(asked.json().items.every((i: { territoryCode: string }) => i.territoryCode === 'rabat')).toBe(
      true,
    );
  });

  it('refuses caseworkers, partners, administrators and analysts', async () => {
    for (const roles of [['social_worker'], ['information_officer'], ['provincial_admin']] as const) {
      expect((await (await as([...roles])).get('/api/v1/access-log')).statusCode).toBe(403);
    }
    expect(
      (await (await as(['ministry_analyst'], null)).get('/api/v1/access-log?territoryCode=tanger-assilah'))
        .statusCode,
    ).toBe(403);
    expect(
      (await (await as(['national_admin'], null)).get('/api/v1/access-log?territoryCode=tanger-assilah'))
        .statusCode,
    ).toBe(403);
  });
});
