import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { childIdentity, openCaseThroughTriage } from '../../../test/fixtures';
import { type Client, createTestApp, createUser, signedIn, type TestApp } from '../../../test/harness';

let t: TestApp;
let worker: Client;
let coordinator: Client;
let infoOfficer: Client;
let rabatWorker: Client;
let analyst: Client;
let auditor: Client;
let karim: { caseId: string; childId: string };

const search = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/v1/children/search', body);
const codesOf = (response: { json(): { items: { child: { id: string } }[] } }) =>
  response.json().items.map((i) => i.child.id);

beforeAll(async () => {
  t = await createTestApp();
  const [w, c, i, r, a, d] = await Promise.all([
    createUser(t.ctx, { roles: ['social_worker'] }),
    createUser(t.ctx, { roles: ['cape_coordinator'] }),
    createUser(t.ctx, { roles: ['information_officer'] }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: 'rabat' }),
    createUser(t.ctx, { roles: ['ministry_analyst'], territoryCode: null }),
    createUser(t.ctx, { roles: ['dp_auditor'], territoryCode: null }),
  ]);
  worker = await signedIn(t.app, w.login);
  coordinator = await signedIn(t.app, c.login);
  infoOfficer = await signedIn(t.app, i.login);
  rabatWorker = await signedIn(t.app, r.login);
  analyst = await signedIn(t.app, a.login);
  auditor = await signedIn(t.app, d.login);
  karim = await openCaseThroughTriage(worker, { workerId: w.id });
  await openCaseThroughTriage(worker, {
    identity: childIdentity({
      firstNameAr: 'فاطمة الزهراء',
      lastNameAr: 'العلوي',
      firstNameLatin: 'Fatima Zahra',
      lastNameLatin: 'El Alaoui',
      birthDate: '2012-05-10',
      fatherName: 'Mohamed El Alaoui',
      phones: ['0700000001'],
      birthRecordNumber: '77/2012',
    }),
    sex: 'female',
  });
  // Same first and family name, another child: birth year and sex tell them apart.
  await openCaseThroughTriage(worker, {
    identity: childIdentity({
      birthDate: '2009-01-01',
      fatherName: 'Hassan Benjelloun',
      phones: [],
      birthRecordNumber: null,
    }),
  });
});

describe('finding a child', () => {
  it.each([
    ['Karim Benjelloun'],
    ['karim ben jelloun'],
    ['كريم بنجلون'],
    ['كريم بن جلون'],
    ['Krim Benjeloun'],
    ['Benjelloun Karim'],
  ])('finds Karim Benjelloun from "%s"', async (name) => {
    const response = await search(worker, { name });
    expect(response.statusCode).toBe(200);
    expect(codesOf(response)).toContain(karim.childId);
  });

  it('finds Fatima Zahra El Alaoui across scripts and spellings, and not Karim', async () => {
    for (const name of ['فاطمة الزهراء العلوي', 'Fatimazahra Alaoui', 'fatima zahra alaoui']) {
      const ids = codesOf(await search(worker, { name }));
      expect(ids.length, name).toBeGreaterThan(0);
      expect(ids, name).not.toContain(karim.childId);
    }
  });

  it('tolerates a typo, and ranks the exact spelling first', async () => {
    const response = await search(worker, { name: 'Karim Benjelloun', birthYear: 2014 });
    expect(response.json().items[0].child.id).toBe(karim.childId);
    expect(codesOf(await search(worker, { name: 'Karim Bnejelloun' }))).toContain(karim.childId);
  });

  it('searches by birth date, parent, phone and code', async () => {
    expect(codesOf(await search(worker, { birthDate: '2014-03-02' }))).toEqual([karim.childId]);
    expect(codesOf(await search(worker, { parentName: 'Ahmed Benjelloun' }))).toContain(karim.childId);
    expect(codesOf(await search(worker, { phone: '+212 612 345 678' }))).toContain(karim.childId);
    const code = (await worker.get(`/api/v1/children/${karim.childId}`)).json().code;
    expect(codesOf(await search(worker, { code }))).toEqual([karim.childId]);
  });

  it('shows identities only to caseworkers, and logs each view', async () => {
    const asWorker = (await search(worker, { name: 'Karim' })).json();
    expect(asWorker.identitiesShown).toBe(true);
    expect(asWorker.items[0].identity.firstNameLatin).toBeTruthy();
    const asInfo = (await search(infoOfficer, { name: 'Karim' })).json();
    expect(asInfo.identitiesShown).toBe(false);
    expect(asInfo.items[0].identity).toBeUndefined();
    expect(asInfo.items.length).toBeGreaterThan(0);
    expect((await infoOfficer.get(`/api/v1/children/${karim.childId}/identity`)).statusCode).toBe(403);

    const identity = await worker.get(`/api/v1/children/${karim.childId}/identity`);
    expect(identity.json().identity.lastNameAr).toBe('بنجلون');
    const log = (await coordinator.get(`/api/v1/children/${karim.childId}/access-log`)).json() as {
      what: string;
    }[];
    expect(log.map((e) => e.what)).toEqual(expect.arrayContaining(['identity', 'identity_search']));
    expect((await auditor.get(`/api/v1/children/${karim.childId}/access-log`)).statusCode).toBe(200);
    expect((await worker.get(`/api/v1/children/${karim.childId}/access-log`)).statusCode).toBe(403);
  });

  it('another province and national roles cannot search or open this child', async () => {
    expect(
      (await search(rabatWorker, { name: 'Karim', territoryCode: 'tanger-assilah' })).json().items,
    ).toEqual([]);
    expect((await rabatWorker.get(`/api/v1/children/${karim.childId}/identity`)).statusCode).toBe(403);
    expect((await rabatWorker.get(`/api/v1/cases/${karim.caseId}`)).statusCode).toBe(403);
    expect(
      (await analyst.post('/api/v1/children/search', { name: 'Karim', territoryCode: 'tanger-assilah' }))
        .statusCode,
    ).toBe(403);
    expect((await analyst.get(`/api/v1/cases/${karim.caseId}`)).statusCode).toBe(403);
  });

  it("a child's code searched from another province finds nothing (nor its identity)", async () => {
    const code = (await worker.get(`/api/v1/children/${karim.childId}`)).json().code;
    const response = await search(rabatWorker, { code });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([]);
    expect(JSON.stringify(response.json())).not.toContain('Karim');
  });

  it('a common first name shared by hundreds of children does not hide the one with the family name', async () => {
    // More children named Mohamed than the candidates the search may rank: the grouping in SQL,
    // not an arbitrary first page, must keep the one Mohamed Tazi.
    const rows = Array.from({ length: 320 });
    const { hashedSearchKeys } = await import('./identity');
    const territory = 'tanger-assilah';
    const author = await t.ctx.db.selectFrom('app_user').select('id').executeTakeFirstOrThrow();
    const ids = await t.ctx.db
      .insertInto('child')
      .values(
        rows.map((_, n) => ({
          code: `FIL-2026-${String(n).padStart(5, '0')}`,
          territory_code: territory,
          sex: 'male' as const,
          identity_enc: 'v1.x',
          created_by: author.id,
        })),
      )
      .returning('id')
      .execute();
    const keys = ids.flatMap(({ id }, n) =>
      hashedSearchKeys(t.ctx.keyRing, id, {
        ...childIdentity({
          firstNameLatin: 'Mohamed',
          lastNameLatin: `Filler${n}`,
          firstNameAr: null,
          lastNameAr: null,
        }),
      }).map((k) => ({ ...k, territory_code: territory })),
    );
    for (let i = 0; i < keys.length; i += 1000) {
      await t.ctx.db
        .insertInto('child_search_key')
        .values(keys.slice(i, i + 1000))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const tazi = await openCaseThroughTriage(worker, {
      identity: childIdentity({
        firstNameLatin: 'Mohamed',
        lastNameLatin: 'Tazi',
        firstNameAr: 'محمد',
        lastNameAr: 'التازي',
      }),
    });
    expect(codesOf(await search(worker, { name: 'Mohamed Tazi' }))).toContain(tazi.childId);
    expect(codesOf(await search(worker, { name: 'محمد التازي' }))).toContain(tazi.childId);
  });

  it('warns of likely duplicates before a registration, narrowed by birth year', async () => {
    const response = await worker.post('/api/v1/children/duplicates', {
      territoryCode: 'tanger-assilah',
      sex: 'male',
      identity: childIdentity({
        firstNameAr: null,
        lastNameAr: null,
        firstNameLatin: 'Karim',
        lastNameLatin: 'Ben Jelloun',
      }),
    });
    const ids = codesOf(response);
    expect(ids).toContain(karim.childId);
    expect(ids).toHaveLength(1);
  });

  it('merges a duplicate into the child kept, keeping both histories', async () => {
    const duplicate = await openCaseThroughTriage(worker, {
      identity: childIdentity({ firstNameLatin: 'Kareem' }),
    });
    const merged = await worker.post('/api/v1/children/merge', {
      duplicateId: duplicate.childId,
      keepId: karim.childId,
    });
    expect(merged.statusCode).toBe(200);
    const kase = (await worker.get(`/api/v1/cases/${duplicate.caseId}`)).json();
    expect(kase.child.id).toBe(karim.childId);
    expect((await worker.get(`/api/v1/children/${duplicate.childId}`)).json().mergedInto).toBe(karim.childId);
    expect(codesOf(await search(worker, { name: 'Kareem Benjelloun' }))).not.toContain(duplicate.childId);
  });
});

describe('confidentiality at rest', () => {
  it('no table of the database holds a registered name, phone or address in clear', async () => {
    const secrets = [
      'Benjelloun',
      'بنجلون',
      'Karim',
      'كريم',
      'Alaoui',
      'العلوي',
      '0612345678',
      'Ibn Battouta',
      'Mme Idrissi',
    ];
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
      t.ctx.db,
    );
    const found: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table_name)} t`.execute(
        t.ctx.db,
      );
      for (const { row } of rows.rows) {
        for (const secret of secrets) if (row.includes(secret)) found.push(`${table_name}: ${secret}`);
      }
    }
    // Test accounts are named "Test <login>": no child's data there either.
    expect(found).toEqual([]);
  });
});

describe('duplicates across scripts', () => {
  it('a half-typed Arabic name does not hide the Latin full name', async () => {
    const response = await worker.post('/api/v1/children/duplicates', {
      territoryCode: 'tanger-assilah',
      sex: 'male',
      identity: childIdentity({
        firstNameAr: 'كريم',
        lastNameAr: null,
        firstNameLatin: 'Karim',
        lastNameLatin: 'Benjelloun',
      }),
    });
    expect(codesOf(response)[0]).toBe(karim.childId);
  });
});
