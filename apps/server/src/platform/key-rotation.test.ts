import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCaseThroughTriage } from '../../test/fixtures';
import { createTestApp, createUser, signedIn, type TestApp } from '../../test/harness';
import { KeyRing } from './crypto';
import { rotateKeys } from './key-rotation';

let t: TestApp;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  const worker = await createUser(t.ctx, { roles: ['social_worker'] });
  const client = await signedIn(t.app, worker.login);
  ({ caseId } = await openCaseThroughTriage(client, { workerId: worker.id }));
  const document = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/files/social/notes`,
    headers: { cookie: client.cookie!, 'content-type': 'application/json' },
    payload: JSON.stringify({ title: 'Enquête sociale', body: 'Visite du 12/11 : la famille coopère.' }),
  });
  expect(document.statusCode).toBe(201);
  await t.ctx.documents.put('rotation-test-document', Buffer.from('%PDF-1.4 test'));
  await t.ctx.db
    .insertInto('case_record')
    .values({
      case_id: caseId,
      territory_code: 'tanger-assilah',
      file: 'social',
      kind: 'document',
      document_type: 'other',
      title_enc: t.ctx.keyRing.encrypt('x', 'case_record.title_enc:unused'),
      storage_key: 'rotation-test-document',
      content_type: 'application/pdf',
      size_bytes: 13,
      created_by: worker.id,
    })
    .execute();
});

describe('rotating the master key', () => {
  it('re-wraps every encrypted value and document; the old key is then no longer needed', async () => {
    const oldKey = t.ctx.config.masterKeys[0]!;
    const newKey = { id: 'k2', key: randomBytes(32) };
    const both = new KeyRing([newKey, oldKey], t.ctx.config.indexKey);
    const report = await rotateKeys(t.ctx.db, both, t.ctx.documents);
    expect(report.values['child.identity_enc']).toBeGreaterThan(0);
    expect(report.values['report.details_enc']).toBeGreaterThan(0);
    expect(report.documents).toBe(1);

    const child = await t.ctx.db.selectFrom('child').selectAll().executeTakeFirstOrThrow();
    expect(child.identity_enc.startsWith('v1.k2.')).toBe(true);
    // Only the new key from now on: everything still decrypts.
    const onlyNew = new KeyRing([newKey], t.ctx.config.indexKey);
    expect(JSON.parse(onlyNew.decrypt(child.identity_enc, `child.identity:${child.id}`)).lastNameLatin).toBe(
      'Benjelloun',
    );
    const again = await rotateKeys(t.ctx.db, both, t.ctx.documents);
    expect(Object.values(again.values).every((n) => n === 0)).toBe(true);
  });
});
